/**
 * The encodings of the element types, written once: amounts (unsigned big-endian fen), BCD, hex, GB 18030 text of a
 * fixed byte width, and BER-TLV, plus RFC 4180 CSV for the exports a spreadsheet opens (a formula-looking field is
 * written as text). Each refuses a value that does not fit with the field, the value and the rule.
 */
package org.citycard.dictionary.codec;
