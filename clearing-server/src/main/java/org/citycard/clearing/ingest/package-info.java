/**
 * Ingest of offline records uploaded in 0320 batches, as a chain of named steps over one batch context (jPOS
 * participant style, {@link org.citycard.clearing.ingest.IngestSteps}): layout (decoding by the dictionary's
 * offline_record layout and its money rules), terminal and TAC (DTK), card (the shadow accounts), duplicate (used
 * TTSNs, counters and held copies), chain (counter gaps and balance-chain breaks are held) and hotlist / department.
 * A record no step decides is accepted; all of a batch is written in its one transaction (quarantine with reasons,
 * held records released when their gap closes, one posting per batch), idempotent batches are answered from the
 * stored result, and terminal batch reconciliation (0500) is here too.
 */
package org.citycard.clearing.ingest;
