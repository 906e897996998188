package org.citycard.clearing.reference;

/**
 * A card the server knows: its ASN, its life-cycle state (dictionary table card-state) and expiry date.
 *
 * @param expiryDate YYYYMMDD, or null when unknown
 */
public record Card(String asn, String state, String expiryDate) {}
