package org.citycard.clearing.crypto;

import java.util.Arrays;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.crypto.KeySet;

/**
 * The check that a card is present (CARD-SPEC §4.6, issue 15): the card's answer to INTERNAL AUTHENTICATE of a
 * server challenge must be 3DES-ECB(DIAK, challenge) with DIAK = diversify(MIAK, ASN). Holds the MIAK of the key set
 * when it has one; without it nothing verifies ({@link #available()} false). The key is never shown.
 */
public final class CardPresenceKey {
    private static final CardCrypto CRYPTO = CardCrypto.tdes();

    private final byte[] miak;

    private CardPresenceKey(byte[] miak) {
        this.miak = miak;
    }

    static CardPresenceKey of(KeySet keySet) {
        return new CardPresenceKey(keySet.has("MIAK") ? keySet.key("MIAK") : null);
    }

    /** False when the key set holds no MIAK: then no card-present query can be answered. */
    public boolean available() {
        return miak != null;
    }

    /** True when {@code cryptogram} is the card {@code asn}'s answer to {@code challenge} (constant-time compare). */
    public boolean verifies(String asn, byte[] challenge, byte[] cryptogram) {
        if (miak == null
                || challenge == null
                || challenge.length != 8
                || cryptogram == null
                || cryptogram.length != 8) {
            return false;
        }
        byte[] diak = CRYPTO.cardKey(miak, asn);
        try {
            return CRYPTO.internalAuthenticateMatches(diak, challenge, cryptogram);
        } finally {
            Arrays.fill(diak, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "CardPresenceKey[" + (miak == null ? "no MIAK" : "MIAK") + "]";
    }
}
