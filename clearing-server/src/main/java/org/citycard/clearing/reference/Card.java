package org.citycard.clearing.reference;

/**
 * A card the server knows: its ASN, its life-cycle state (dictionary table card-state), expiry date and the
 * algorithm of its keys.
 *
 * @param expiryDate YYYYMMDD, or null when unknown
 * @param algorithm the algorithm ID of the card's keys (table algorithm: 00 3DES, 04 SM4), fixed at personalisation
 */
public record Card(String asn, String state, String expiryDate, String algorithm) {
    /** A 3DES card (algorithm 00). */
    public Card(String asn, String state, String expiryDate) {
        this(asn, state, expiryDate, "00");
    }

    public Card {
        algorithm = algorithm == null ? "00" : algorithm.trim();
    }

    /** The algorithm of the card's keys. */
    public org.citycard.dictionary.crypto.Algorithm algorithmId() {
        return org.citycard.dictionary.crypto.Algorithm.fromId((byte) Integer.parseInt(algorithm, 16));
    }
}
