package org.citycard.dictionary.iso8583;

/** A code with its bilingual name (processing codes, network management codes). */
public record CodeName(String code, String zh, String en) {}
