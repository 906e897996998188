/**
 * The durable journal in embedded Derby (plain JDBC): offline events (purchases, compound purchases, hotlist
 * blocks) with their upload batches, online loads with their state machine, durable counters (STAN, batch
 * number), the local hotlist and parameters. A money event is durable before its result is shown; a batch
 * number, once given to a record, never changes, so a kill at any point neither loses nor doubles a record. A tap's
 * purchase record goes first to the tap log beside the database ({@code <journal>.taplog}, {@link
 * org.citycard.agent.journal.TapLog}): forced before the debit, folded into Derby in batches, replayed at open.
 */
package org.citycard.agent.journal;
