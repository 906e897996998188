/**
 * The clearing server: ISO 8583 host on Netty ({@code iso}), online load authorisation ({@code load}), verified
 * ingest of offline records with quarantine ({@code ingest}), the double-entry ledger ({@code ledger}), reference
 * data ({@code reference}), the REST API ({@code api}) and its security ({@code security}). Day close, bank files
 * and the dashboard build on the ledger's per-department, per-day totals.
 */
package org.citycard.clearing;
