/**
 * The ISO 8583 message set of iso8583.yaml: field names, message uses (presence per MTI), processing and network
 * management codes, the jPOS packager built from the GenericPackager XML, and the message MAC of the last field.
 */
package org.citycard.dictionary.iso8583;
