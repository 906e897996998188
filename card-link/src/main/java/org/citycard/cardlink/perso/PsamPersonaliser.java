package org.citycard.cardlink.perso;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.citycard.cardlink.ApduTransport;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.crypto.KeyDefinition;
import org.citycard.dictionary.crypto.KeySet;

/**
 * Personalises a terminal's PSAM (CARD-SPEC §3, §4.5, §7): the purchase and maintenance master keys (PSAM_MPK,
 * PSAM_MAMK: the PSAM derives each card's DPK and block key itself) of each algorithm chosen for this PSAM (3DES, SM4
 * or both: a PSAM with both serves both kinds of card in one tap loop) and of each key version the key set holds
 * (issue 22: a PSAM serves the cards of every version it holds, up to {@link #MAX_VERSIONS}), the terminal ID it serves
 * and the issuer whose cards it accepts; files read back and compared, then END PERSONALIZATION.
 */
public final class PsamPersonaliser {
    public static final List<String> PSAM_KEYS = List.of("PSAM_MPK", "PSAM_MAMK");
    /** The key versions a PSAM holds of each master key and algorithm (its key slots). */
    public static final int MAX_VERSIONS = 4;

    private final Dictionary dict;
    private final KeySet keys;
    private final CardCommands commands;

    public PsamPersonaliser(Dictionary dict, KeySet keys) {
        this.dict = dict;
        this.keys = keys;
        this.commands = new CardCommands(dict);
    }

    /** Personalises a blank PSAM for a terminal with 3DES master keys; returns the number of files verified. */
    public int personalise(ApduTransport transport, String terminalId) {
        return personalise(transport, terminalId, EnumSet.of(Algorithm.TDES));
    }

    /**
     * The algorithms whose PSAM master keys (MPK, MAMK) and transport key the key set holds: what a PSAM of this key
     * set can serve.
     */
    public Set<Algorithm> availableAlgorithms() {
        Set<Algorithm> all = EnumSet.noneOf(Algorithm.class);
        for (Algorithm a : Algorithm.values()) {
            boolean complete = keys.has("TK", a);
            for (String keyId : PSAM_KEYS) {
                complete &= keys.has(dict.keys().key(keyId).orElseThrow().masterKey(), a);
            }
            if (complete) {
                all.add(a);
            }
        }
        return all;
    }

    /**
     * Personalises a blank PSAM for a terminal with the master keys of each of {@code algorithms}; returns the number
     * of files verified.
     *
     * @throws IllegalArgumentException when {@code algorithms} is empty or the key set lacks one of their keys (named,
     *     never its value)
     */
    public int personalise(ApduTransport transport, String terminalId, Set<Algorithm> algorithms) {
        if (algorithms == null || algorithms.isEmpty()) {
            throw new IllegalArgumentException(
                    "PSAM algorithms: at least one of " + Arrays.toString(Algorithm.values()));
        }
        Set<Algorithm> chosen = EnumSet.copyOf(algorithms);
        for (Algorithm a : chosen) {
            CardPersonaliser.requireKey(keys, "TK", a);
            for (String keyId : PSAM_KEYS) {
                CardPersonaliser.requireKey(
                        keys, dict.keys().key(keyId).orElseThrow().masterKey(), a);
            }
        }
        CardLink link = new CardLink(transport);
        List<FileImage> files = new CardImages(dict).psam(terminalId);
        Algorithm first = chosen.iterator().next();
        byte[] authKey = keys.key("TK", first);
        try {
            link.send("psam: SELECT", commands.select(dict.application("psam").aidBytes()));
            byte[] challenge = link.send("psam: GET CHALLENGE", commands.getChallenge(8));
            CardLink.Response auth = link.exchange(commands.externalAuthenticate(
                    keyRef("TK"), CardCrypto.of(first).externalAuthenticate(authKey, challenge)));
            if (auth.sw() == 0x6985) {
                throw new CardAlreadyIssuedException(
                        "the PSAM in the reader is already personalised; insert a blank PSAM");
            }
            if (!auth.ok()) {
                throw new CardCommandException(
                        "psam: EXTERNAL AUTHENTICATE with the transport key", "external_authenticate", auth.sw());
            }
        } finally {
            Arrays.fill(authKey, (byte) 0);
        }
        for (int version : versions()) {
            KeySet atVersion = keys.atVersion(version);
            for (Algorithm a : chosen) {
                if (version == (keys.keyVersion() & 0xFF) || holdsPsamKeys(atVersion, a)) {
                    putKeys(link, atVersion, a);
                }
            }
        }
        for (FileImage f : files) {
            link.send("psam: UPDATE " + f.label(), commands.updateBinary(f.sfi(), 0, f.content()));
        }
        for (FileImage f : files) {
            byte[] read = link.send("psam: READ " + f.label(), commands.readBinary(f.sfi(), 0, f.content().length));
            if (!Arrays.equals(read, f.content())) {
                throw new PersoVerificationException(f.label() + " read back differs from what was written");
            }
        }
        link.send("psam: END PERSONALIZATION", commands.endPersonalization());
        return files.size();
    }

    /**
     * The key versions this PSAM gets: every version the key set holds, the newest {@link #MAX_VERSIONS} when it holds
     * more (the oldest are the ones retired first).
     */
    public List<Integer> versions() {
        List<Integer> all = new java.util.ArrayList<>(keys.versions());
        return all.subList(Math.max(0, all.size() - MAX_VERSIONS), all.size());
    }

    private boolean holdsPsamKeys(KeySet set, Algorithm a) {
        for (String keyId : PSAM_KEYS) {
            if (!set.has(dict.keys().key(keyId).orElseThrow().masterKey(), a)) {
                return false;
            }
        }
        return true;
    }

    /** PUT KEY of PSAM_MPK and PSAM_MAMK of one algorithm and key version, encrypted under TK in that algorithm. */
    private void putKeys(CardLink link, KeySet keys, Algorithm algorithm) {
        CardCrypto crypto = CardCrypto.of(algorithm);
        byte[] tk = keys.key("TK", algorithm);
        try {
            for (String keyId : PSAM_KEYS) {
                KeyDefinition k = dict.keys().key(keyId).orElseThrow();
                byte[] master = keys.key(k.masterKey(), algorithm);
                try {
                    link.send(
                            "psam: PUT KEY " + keyId + " (" + algorithm + ", key version "
                                    + String.format("%02X", keys.keyVersion()) + ")",
                            commands.putKey(
                                    keyRef(keyId), keys.keyVersion(), algorithm.id(), crypto.encryptKey(tk, master)));
                } finally {
                    Arrays.fill(master, (byte) 0);
                }
            }
        } finally {
            Arrays.fill(tk, (byte) 0);
        }
    }

    private int keyRef(String keyId) {
        return Integer.parseInt(dict.keys().key(keyId).orElseThrow().keyId(), 16);
    }
}
