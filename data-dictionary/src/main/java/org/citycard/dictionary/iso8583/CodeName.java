package org.citycard.dictionary.iso8583;

/**
 * A code with its bilingual name (processing codes, network management codes).
 *
 * @param name the constant that names it in code ({@link org.citycard.dictionary.wire})
 */
public record CodeName(String code, String zh, String en, String name) {}
