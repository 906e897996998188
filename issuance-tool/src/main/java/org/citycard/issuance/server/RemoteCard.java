package org.citycard.issuance.server;

/** A card as the server knows it: ASN, card-state code, expiry date (YYYYMMDD). */
public record RemoteCard(String asn, String state, String expiryDate) {}
