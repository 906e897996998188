package org.citycard.issuance.server;

/**
 * A new card as reported to the server.
 *
 * @param state card-state code (40 personalised)
 * @param expiryDate YYYYMMDD
 * @param firstOfflineSeq the offline counter the card's first purchase will carry
 * @param holderId the holder's citizen ID (the server answers a kiosk's social-security query for this card only)
 */
public record CardReport(String asn, String state, String expiryDate, int firstOfflineSeq, String holderId) {}
