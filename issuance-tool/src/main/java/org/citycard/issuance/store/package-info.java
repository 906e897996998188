/**
 * The issuance tool's embedded Apache Derby database (in the data directory, {@code ./data/issuance} by default),
 * reached with plain JDBC: one connection, explicit transactions, schema scripts applied in order on open. No key
 * and no PIN is ever stored; citizen ID numbers are stored because the card centre must know its holders, and
 * leave the database only masked (logs, audit) or to the clearing server over its API.
 */
package org.citycard.issuance.store;
