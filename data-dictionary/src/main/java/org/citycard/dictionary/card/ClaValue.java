package org.citycard.dictionary.card;

/** A class byte the applets accept. */
public record ClaValue(String name, String value, String zh, String en) {}
