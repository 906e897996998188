package org.citycard.dictionary.card;

/** A card or issuer parameter (maximum balance, PIN try limit, …). */
public record CardParameter(String id, String zh, String en, String type, String value) {
    public long asLong() {
        return Long.parseLong(value);
    }

    public int asInt() {
        return Integer.parseInt(value);
    }
}
