/**
 * The exchange documents as Java types, bound to XML by Jackson XML ({@link org.citycard.dictionary.exchange.DocumentCodec},
 * which validates every document it writes or reads against its generated XSD), their detached CMS signatures
 * ({@link org.citycard.dictionary.exchange.DocumentSignature}), the parties' keys and the broker's address names.
 * Shared by the clearing server and the department client, so both ends read and write the same bytes.
 */
package org.citycard.dictionary.exchange;
