/**
 * The exchange documents' layouts ({@code dictionary/exchange.yaml}) and the XML schemas generated from them: each
 * field names a data element, so an XSD takes its type, length, pattern and code list (as an enumeration) from the
 * one definition in the dictionary. {@link org.citycard.dictionary.xml.SchemaGenerator} writes them to
 * {@code docs/dictionary/exchange/} at build time; {@link org.citycard.dictionary.xml.ExchangeSchemas} validates a
 * document against them with {@code javax.xml.validation}.
 */
package org.citycard.dictionary.xml;
