package org.citycard.clearing.crypto;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.crypto.KeySet;

/**
 * The check that a card is present (CARD-SPEC §4.6, issue 15): the card's answer to INTERNAL AUTHENTICATE of a
 * server challenge must be 3DES-ECB(DIAK, challenge) with DIAK = diversify(MIAK, ASN), or for an SM4 card (§7) the
 * leftmost 8 bytes of SM4-ECB(DIAK, challenge ‖ 80 00…) with the SM4 MIAK. Holds the MIAK of each algorithm the key
 * set has (key store aliases miak, miak-sm4); without it nothing of that algorithm verifies. The key is never shown.
 */
public final class CardPresenceKey {
    private final Map<Algorithm, byte[]> miak;
    /** The MIAK of every key version the key set holds (issue 22), by version then algorithm. */
    private final Map<Integer, Map<Algorithm, byte[]>> byVersion;

    private CardPresenceKey(Map<Algorithm, byte[]> miak, Map<Integer, Map<Algorithm, byte[]>> byVersion) {
        this.miak = miak;
        this.byVersion = byVersion;
    }

    static CardPresenceKey of(KeySet keySet) {
        Map<Integer, Map<Algorithm, byte[]>> all = new java.util.TreeMap<>();
        for (int v : keySet.versions()) {
            KeySet at = keySet.atVersion(v);
            Map<Algorithm, byte[]> m = new EnumMap<>(Algorithm.class);
            for (Algorithm a : Algorithm.values()) {
                if (at.has("MIAK", a)) {
                    m.put(a, at.key("MIAK", a));
                }
            }
            all.put(v, m);
        }
        return new CardPresenceKey(all.getOrDefault(keySet.keyVersion() & 0xFF, Map.of()), all);
    }

    /** False when the key set holds no MIAK at all: then no card-present query can be answered. */
    public boolean available() {
        return !miak.isEmpty();
    }

    /** True when the key set holds the MIAK of the algorithm. */
    public boolean available(Algorithm algorithm) {
        return miak.containsKey(algorithm);
    }

    /** {@link #verifies(String, Algorithm, byte[], byte[])} for a 3DES card. */
    public boolean verifies(String asn, byte[] challenge, byte[] cryptogram) {
        return verifies(asn, Algorithm.TDES, challenge, cryptogram);
    }

    /**
     * True when {@code cryptogram} is the answer of card {@code asn}, whose keys are of {@code algorithm} (the card
     * registry's, {@link CardAlgorithms}), to {@code challenge} (constant-time compare).
     */
    public boolean verifies(String asn, Algorithm algorithm, byte[] challenge, byte[] cryptogram) {
        return verifies(asn, algorithm, 0, challenge, cryptogram);
    }

    /**
     * {@link #verifies(String, Algorithm, byte[], byte[])} for a card of key version {@code version} (the card
     * registry's, issue 22): its DIAK comes from the MIAK of that version; 0 for the key set's own version.
     */
    public boolean verifies(String asn, Algorithm algorithm, int version, byte[] challenge, byte[] cryptogram) {
        Map<Algorithm, byte[]> ofVersion = version == 0 ? miak : byVersion.getOrDefault(version, Map.of());
        byte[] master = algorithm == null ? null : ofVersion.get(algorithm);
        if (master == null
                || challenge == null
                || challenge.length != 8
                || cryptogram == null
                || cryptogram.length != 8) {
            return false;
        }
        CardCrypto crypto = CardCrypto.of(algorithm);
        byte[] diak = crypto.cardKey(master, asn);
        try {
            return crypto.internalAuthenticateMatches(diak, challenge, cryptogram);
        } finally {
            Arrays.fill(diak, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "CardPresenceKey[" + (miak.isEmpty() ? "no MIAK" : "MIAK " + miak.keySet()) + "]";
    }
}
