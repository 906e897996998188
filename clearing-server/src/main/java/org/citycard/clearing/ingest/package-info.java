/**
 * Ingest of offline records uploaded in 0320 batches: decoding by the dictionary's offline_record layout, TAC
 * verification with DTK, duplicate / counter-gap / balance-chain / hotlist checks against the card's shadow
 * account, quarantine with reasons (held records are released when their gap closes), posting of accepted records,
 * idempotent batches answered from the stored result, and terminal batch reconciliation (0500).
 */
package org.citycard.clearing.ingest;
