package org.citycard.clearing.reference;

/**
 * A card was registered ({@code from} null) or moved to another state (codes of table card-state); published by
 * {@link ReferenceService} inside its transaction, for listeners such as the exchange's card status events.
 */
public record CardStateChanged(String asn, String from, String to) {}
