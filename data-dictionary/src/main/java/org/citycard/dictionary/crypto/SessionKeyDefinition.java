package org.citycard.dictionary.crypto;

/** A session key and the rule that makes it. */
public record SessionKeyDefinition(String id, String zh, String en, String rule) {}
