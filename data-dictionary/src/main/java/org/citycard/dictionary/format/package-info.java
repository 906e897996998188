/**
 * Record and file layouts as data: binary layouts (offset and length of each field, e.g. the 66-byte offline record)
 * and fixed-width text layouts with their record types, read and written by {@link
 * org.citycard.dictionary.format.FixedWidthCodec} (the bank detail file, the department exchange files).
 */
package org.citycard.dictionary.format;
