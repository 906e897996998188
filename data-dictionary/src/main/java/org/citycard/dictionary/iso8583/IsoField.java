package org.citycard.dictionary.iso8583;

/** The bilingual name of an ISO 8583 field and the data element it carries. */
public record IsoField(int number, String zh, String en, String element) {}
