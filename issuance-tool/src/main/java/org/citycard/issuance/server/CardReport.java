package org.citycard.issuance.server;

/**
 * A new card as reported to the server.
 *
 * @param state card-state code (40 personalised)
 * @param expiryDate YYYYMMDD
 * @param firstOfflineSeq the offline counter the card's first purchase will carry
 */
public record CardReport(String asn, String state, String expiryDate, int firstOfflineSeq) {}
