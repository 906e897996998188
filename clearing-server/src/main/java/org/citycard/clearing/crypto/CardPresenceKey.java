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

    private CardPresenceKey(Map<Algorithm, byte[]> miak) {
        this.miak = miak;
    }

    static CardPresenceKey of(KeySet keySet) {
        Map<Algorithm, byte[]> m = new EnumMap<>(Algorithm.class);
        for (Algorithm a : Algorithm.values()) {
            if (keySet.has("MIAK", a)) {
                m.put(a, keySet.key("MIAK", a));
            }
        }
        return new CardPresenceKey(m);
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
        byte[] master = algorithm == null ? null : miak.get(algorithm);
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
