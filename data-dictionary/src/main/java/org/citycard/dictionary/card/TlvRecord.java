package org.citycard.dictionary.card;

/**
 * A record of an SSSE TLV file: the record number is the tag.
 *
 * @param length resolved from the element by the loader
 */
public record TlvRecord(int number, String element, Integer length) {}
