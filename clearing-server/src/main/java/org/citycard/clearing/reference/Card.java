package org.citycard.clearing.reference;

/**
 * A card the server knows: its ASN, its life-cycle state (dictionary table card-state), expiry date, the algorithm of
 * its keys and their key version.
 *
 * @param expiryDate YYYYMMDD, or null when unknown
 * @param algorithm the algorithm ID of the card's keys (table algorithm: 00 3DES, 04 SM4), fixed at personalisation
 * @param keyVersion the key version of the card's keys (issue 22: 1..255, 1 for every card of before key versions),
 *     set at personalisation and changed when a counter re-keys the card
 */
public record Card(String asn, String state, String expiryDate, String algorithm, int keyVersion) {
    /** A 3DES card (algorithm 00) of key version 01. */
    public Card(String asn, String state, String expiryDate) {
        this(asn, state, expiryDate, "00");
    }

    /** A card of key version 01. */
    public Card(String asn, String state, String expiryDate, String algorithm) {
        this(asn, state, expiryDate, algorithm, 1);
    }

    public Card {
        algorithm = algorithm == null ? "00" : algorithm.trim();
        keyVersion = keyVersion == 0 ? 1 : keyVersion;
    }

    /** The algorithm of the card's keys. */
    public org.citycard.dictionary.crypto.Algorithm algorithmId() {
        return org.citycard.dictionary.crypto.Algorithm.fromId((byte) Integer.parseInt(algorithm, 16));
    }

    /** The same card with another key version (after a re-key). */
    public Card withKeyVersion(int version) {
        return new Card(asn, state, expiryDate, algorithm, version);
    }
}
