/**
 * The CityCard ISO 8583 messages as typed records, one per message type of iso8583.yaml, each able to build its
 * jPOS {@code ISOMsg} and to read one back. The terminal agent and the clearing server both speak through these
 * records, so a field's number, width and rule are written once: reading checks every field that carries a data
 * element with the dictionary's {@code Rules.checkElement} and fails with a {@link
 * org.citycard.dictionary.iso8583.message.MessageFieldException} that names the field and the rule, never the
 * value (it may be card data). Signing, packing and framing stay with the caller ({@code MessageMacs}).
 */
package org.citycard.dictionary.iso8583.message;
