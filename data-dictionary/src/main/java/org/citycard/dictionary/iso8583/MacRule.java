package org.citycard.dictionary.iso8583;

/** How a message is authenticated (see iso8583.yaml). */
public record MacRule(String zh, String en, String rule) {}
