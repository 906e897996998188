/**
 * The clearing server: ISO 8583 host, online load authorisation, verified ingest of offline records, the
 * double-entry ledger, day close, bank clearing files and the admin dashboard. Filled by the clearing server
 * issues; until then this module holds only this description.
 */
package org.citycard.clearing;
