package org.citycard.dictionary.card;

/**
 * One item of a command's data field or answer: a data element, or a named piece with its length.
 *
 * @param length for named pieces: bytes, a range such as "5-16", or a description such as "Lc - 4"
 */
public record DataItem(String element, String name, String length) {}
