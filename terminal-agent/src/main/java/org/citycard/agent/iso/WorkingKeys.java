package org.citycard.agent.iso;

import java.util.Arrays;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.crypto.TerminalKey;
import org.citycard.dictionary.record.WorkingKeyBlock;
import org.citycard.dictionary.validate.ValidationException;

/**
 * A terminal's keys in memory (DESIGN §3.8): its own master key TMK (from its key store), the sign-on MAC key SOK
 * derived from it, and the working key TAK of the last sign-on, which MACs every other ISO 8583 message and every
 * REST request. The TAK lives only here, never on disk; a restart signs on again. No master key of anyone else's
 * is here: this terminal's store says nothing about another terminal's keys. All are of the TMK's algorithm (3DES,
 * or SM4 for a key store made with {@code terminal-keys --alg sm4}): the sign-on answer's TAK is opened and every MAC
 * computed in it.
 */
public final class WorkingKeys {
    private final TerminalKey terminalKey;
    private final CardCrypto crypto;
    private final CardCrypto.MacKey signOnKey;
    private volatile Tak current;

    private record Tak(byte[] key, CardCrypto.MacKey mac, String checkValue) {}

    public WorkingKeys(TerminalKey terminalKey) {
        this.terminalKey = terminalKey;
        this.crypto = terminalKey.crypto();
        byte[] sok = terminalKey.signOnKey();
        this.signOnKey = crypto.prepareMacKey(sok);
        Arrays.fill(sok, (byte) 0);
    }

    public String terminalId() {
        return terminalKey.terminalId();
    }

    /** The algorithm of the terminal's keys (its TMK's): for the REST MACs of {@link #takForRest()}. */
    public Algorithm algorithm() {
        return terminalKey.algorithm();
    }

    /** SOK: the MAC key of the sign-on 0800 and its 0810. */
    CardCrypto.MacKey signOnKey() {
        return signOnKey;
    }

    /** The TAK's MAC schedule, or null before the first sign-on. */
    CardCrypto.MacKey tak() {
        Tak t = current;
        return t == null ? null : t.mac();
    }

    public boolean signedOn() {
        return current != null;
    }

    /**
     * The TAK for a REST request's MAC.
     *
     * @throws IllegalStateException before the first sign-on
     */
    public byte[] takForRest() {
        Tak t = current;
        if (t == null) {
            throw new IllegalStateException("terminal " + terminalId() + " has not signed on: no working key yet");
        }
        return t.key().clone();
    }

    /** The check value of the current TAK (the only way it is shown), or null before the first sign-on. */
    public String checkValue() {
        Tak t = current;
        return t == null ? null : t.checkValue();
    }

    /**
     * Takes the working key of an approved sign-on answer: decrypted with the TMK, kept only when its check value
     * matches.
     *
     * @throws ValidationException naming the check value when the key was not made for this terminal's TMK
     */
    public void take(WorkingKeyBlock block) {
        byte[] tmk = terminalKey.tmk();
        try {
            byte[] tak = block.open(terminalKey.algorithm(), tmk);
            current = new Tak(tak, crypto.prepareMacKey(tak), crypto.checkValue(tak));
        } finally {
            Arrays.fill(tmk, (byte) 0);
        }
    }

    /** Forgets the working key (the host said to sign on again). */
    void forget() {
        current = null;
    }

    @Override
    public String toString() {
        return "WorkingKeys[" + terminalId() + ", TAK " + (current == null ? "none" : "kcv " + current.checkValue())
                + "]";
    }
}
