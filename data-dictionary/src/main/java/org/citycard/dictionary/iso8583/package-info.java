/**
 * The ISO 8583 message set of iso8583.yaml: field names, message uses (presence per MTI), processing and network
 * management codes, the jPOS packager built from the GenericPackager XML, and the MACs: the message MAC of the last
 * field ({@link org.citycard.dictionary.iso8583.MessageMacs}) and, for the terminal's HTTP calls, the request MAC and
 * the answer MAC ({@link org.citycard.dictionary.iso8583.TerminalRequestMac},
 * {@link org.citycard.dictionary.iso8583.TerminalAnswerMac}). Each MAC is computed here only, so the side that signs
 * and the side that verifies cannot drift apart.
 */
package org.citycard.dictionary.iso8583;
