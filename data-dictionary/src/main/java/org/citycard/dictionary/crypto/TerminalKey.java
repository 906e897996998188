package org.citycard.dictionary.crypto;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.validate.Rules;
import org.citycard.dictionary.validate.ValidationException;

/**
 * One terminal's master key (TMK, keys.yaml) and the terminal it belongs to: all the key material a terminal
 * holds at rest. It is made at random by the clearing server ({@code ./citycard server terminal-keys}) and handed
 * over in a password-protected key store that holds this one key under the alias {@code tmk-<terminal ID>};
 * nothing in it says anything about another terminal's keys. The sign-on MAC key SOK is derived from it; the
 * working key TAK comes in each sign-on answer, encrypted under it.
 *
 * <p>A TMK is of one algorithm (issue 16): 3DES (algorithm 00, alias {@code tmk-<terminal ID>}) or SM4 (algorithm 04,
 * CARD-SPEC §7, alias {@code tmk-<terminal ID>-sm4}); SOK is derived with that algorithm, the TAK the server sends is of
 * it, and so are the terminal's message MACs (SM4: the leftmost 8 bytes of the SM4 CBC-MAC).
 *
 * <p>The key never appears in {@code toString}, a log or an exception message; only its check value does.
 */
public final class TerminalKey {
    public static final String ALIAS_PREFIX = "tmk-";
    public static final String SM4_SUFFIX = "-sm4";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String terminalId;
    private final byte[] tmk;
    private final boolean demo;
    private final Algorithm algorithm;
    private final CardCrypto crypto;

    private TerminalKey(String terminalId, byte[] tmk, boolean demo, Algorithm algorithm) {
        this.terminalId = checkTerminalId(terminalId);
        if (tmk.length != 16) {
            throw new IllegalArgumentException(
                    "a TMK is 16 bytes (double-length 3DES or SM4), this one is " + tmk.length);
        }
        this.tmk = tmk.clone();
        this.demo = demo;
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.crypto = CardCrypto.of(algorithm);
    }

    /** A 3DES TMK. */
    public static TerminalKey of(String terminalId, byte[] tmk) {
        return of(terminalId, tmk, Algorithm.TDES);
    }

    /** A TMK of the algorithm. */
    public static TerminalKey of(String terminalId, byte[] tmk, Algorithm algorithm) {
        return new TerminalKey(terminalId, tmk, false, algorithm);
    }

    /** A fresh random 3DES TMK for a terminal (the server's {@code terminal-keys}). */
    public static TerminalKey random(String terminalId) {
        return random(terminalId, Algorithm.TDES);
    }

    /** A fresh random TMK of the algorithm for a terminal (the server's {@code terminal-keys --alg}). */
    public static TerminalKey random(String terminalId, Algorithm algorithm) {
        byte[] k = new byte[16];
        RANDOM.nextBytes(k);
        try {
            return new TerminalKey(terminalId, k, false, algorithm);
        } finally {
            java.util.Arrays.fill(k, (byte) 0);
        }
    }

    /**
     * DEMO ONLY: the TMK a terminal has under {@code --key-set demo} when it was given no key store, derived from
     * the demo key set's public MTMK. Anyone can compute it; the server accepts it only when it runs on the demo keys.
     */
    public static TerminalKey demo(String terminalId) {
        return demo(terminalId, Algorithm.TDES);
    }

    /** DEMO ONLY: {@link #demo(String)} of the algorithm, from the demo key set's MTMK of that algorithm. */
    public static TerminalKey demo(String terminalId, Algorithm algorithm) {
        CardCrypto c = CardCrypto.of(algorithm);
        byte[] k = c.diversify(KeySet.demo().key("MTMK", algorithm), CardCrypto.terminalDiversifier(terminalId));
        try {
            return new TerminalKey(terminalId, k, true, algorithm);
        } finally {
            java.util.Arrays.fill(k, (byte) 0);
        }
    }

    /** The algorithm of the TMK, and so of SOK, the TAK and the message MACs. */
    public Algorithm algorithm() {
        return algorithm;
    }

    /** The crypto of the TMK's algorithm. */
    public CardCrypto crypto() {
        return crypto;
    }

    public String terminalId() {
        return terminalId;
    }

    public boolean isDemo() {
        return demo;
    }

    /** The TMK for the crypto (decrypting the TAK of a sign-on answer, or writing the store). */
    public byte[] tmk() {
        return tmk.clone();
    }

    /** SOK = diversify(TMK, 00 00 ‖ terminal ID): the MAC key of the sign-on 0800 and its 0810. */
    public byte[] signOnKey() {
        return crypto.diversify(tmk, CardCrypto.terminalDiversifier(terminalId));
    }

    /** The TMK's check value in its algorithm. */
    public String checkValue() {
        return crypto.checkValue(tmk);
    }

    /** Writes a new BCFKS key store holding this TMK alone; refuses to overwrite an existing file. */
    public void writeStore(Path file, char[] password) {
        Objects.requireNonNull(password, "password");
        if (password.length < 8) {
            throw new IllegalArgumentException("a terminal key store password has at least 8 characters");
        }
        if (Files.exists(file)) {
            throw new IllegalArgumentException("terminal key store " + file + " exists already: it is not overwritten");
        }
        KeyStoreKeySet store = KeyStoreKeySet.create(file, password);
        store.put(alias(terminalId), algorithm, tmk);
        store.save(file);
    }

    /**
     * Opens a terminal's key store: it must hold exactly one TMK, and for {@code expectedTerminalId} when one is
     * given (the terminal ID the agent was configured with or read from its PSAM).
     *
     * @throws IllegalArgumentException naming the file and the rule: wrong password, no TMK, another terminal's
     */
    public static TerminalKey open(Path file, char[] password, String expectedTerminalId) {
        KeyStoreKeySet store = KeyStoreKeySet.open(file, password);
        List<String> aliases;
        try {
            aliases = Collections.list(store.keyStore().aliases()).stream()
                    .filter(a -> a.startsWith(ALIAS_PREFIX))
                    .toList();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("terminal key store " + file + " cannot be read: "
                    + e.getClass().getSimpleName());
        }
        if (aliases.size() != 1) {
            throw new IllegalArgumentException("terminal key store " + file + " must hold exactly one terminal master"
                    + " key (alias tmk-<terminal ID>, or tmk-<terminal ID>-sm4 for SM4), it holds " + aliases.size()
                    + "; make one with ./citycard server terminal-keys --terminal ID --out FILE");
        }
        String rest = aliases.get(0).substring(ALIAS_PREFIX.length());
        Algorithm alg = rest.endsWith(SM4_SUFFIX) ? Algorithm.SM4 : Algorithm.TDES;
        String tid = alg == Algorithm.SM4 ? rest.substring(0, rest.length() - SM4_SUFFIX.length()) : rest;
        if (expectedTerminalId != null && !expectedTerminalId.equals(tid)) {
            throw new IllegalArgumentException("terminal key store " + file + " holds the key of terminal " + tid
                    + ", not of terminal " + expectedTerminalId + ": each terminal needs its own key store");
        }
        try {
            Key k = store.keyStore().getKey(aliases.get(0), password);
            return new TerminalKey(tid, k.getEncoded(), false, alg);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("terminal key store " + file + ": the TMK cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** {@code tmk-<terminal ID>}; the key store adds {@code -sm4} to an SM4 key's ({@link KeySet#alias}). */
    static String alias(String terminalId) {
        return (ALIAS_PREFIX + terminalId).toLowerCase(Locale.ROOT);
    }

    private static String checkTerminalId(String terminalId) {
        try {
            Rules.checkElement(Dictionary.standard(), "terminal_id", terminalId);
        } catch (ValidationException e) {
            throw new IllegalArgumentException("terminal key: " + e.getMessage(), e);
        }
        return terminalId;
    }

    @Override
    public String toString() {
        return "TerminalKey[" + terminalId + (demo ? ", DEMO" : "") + (algorithm == Algorithm.SM4 ? ", SM4" : "")
                + ", kcv " + checkValue() + "]";
    }
}
