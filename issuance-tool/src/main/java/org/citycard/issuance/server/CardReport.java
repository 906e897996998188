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
 */
public record CardReport(
        String asn, String state, String expiryDate, int firstOfflineSeq, String holderId, Algorithm algorithm) {
    /** A 3DES card. */
    public CardReport(String asn, String state, String expiryDate, int firstOfflineSeq, String holderId) {
        this(asn, state, expiryDate, firstOfflineSeq, holderId, Algorithm.TDES);
    }
}
