package org.citycard.issuance.server;

import org.citycard.dictionary.crypto.Algorithm;

/**
 * A new card as reported to the server.
 *
 * @param state card-state code (40 personalised)
 * @param expiryDate YYYYMMDD
 * @param firstOfflineSeq the offline counter the card's first purchase will carry
 * @param holderId the holder's citizen ID (the server answers a kiosk's social-security query for this card only)
 * @param algorithm the algorithm of the card's keys (CARD-SPEC §3): the server verifies its MACs and TACs with it
 * @param deposit the deposit (押金) taken at issue, fen; 0 for none (the server holds it until the card is returned)
 * @param keyVersion the key version of the card's keys (issue 22, 1..255): the server verifies the card with that
 *     version's master keys
 */
public record CardReport(
        String asn,
        String state,
        String expiryDate,
        int firstOfflineSeq,
        String holderId,
        Algorithm algorithm,
        long deposit,
        int keyVersion) {
    public CardReport {
        if (deposit < 0) {
            throw new IllegalArgumentException("deposit " + deposit + " fen: 0 (none) or more");
        }
        if (keyVersion < 1 || keyVersion > 0xFF) {
            throw new IllegalArgumentException("keyVersion " + keyVersion + ": 1..255");
        }
    }

    /** A card of key version 01. */
    public CardReport(
            String asn,
            String state,
            String expiryDate,
            int firstOfflineSeq,
            String holderId,
            Algorithm algorithm,
            long deposit) {
        this(asn, state, expiryDate, firstOfflineSeq, holderId, algorithm, deposit, 1);
    }

    /** A card issued without a deposit. */
    public CardReport(
            String asn, String state, String expiryDate, int firstOfflineSeq, String holderId, Algorithm algorithm) {
        this(asn, state, expiryDate, firstOfflineSeq, holderId, algorithm, 0);
    }

    /** A 3DES card. */
    public CardReport(String asn, String state, String expiryDate, int firstOfflineSeq, String holderId) {
        this(asn, state, expiryDate, firstOfflineSeq, holderId, Algorithm.TDES);
    }
}
