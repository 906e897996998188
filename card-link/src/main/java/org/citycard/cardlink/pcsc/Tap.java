package org.citycard.cardlink.pcsc;

import org.citycard.cardlink.ApduTransport;

/** A card that just arrived on the card reader: its transport, ATR and reader. */
public record Tap(ApduTransport card, String atr, String reader) {}
