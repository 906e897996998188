-- Issue 23: a purchase's (ASN, offline seq) is unique by the card's chain, not by an index. A purchase is written
-- only in the transaction that moves its card's chain past that counter (next_offline_seq = its seq, then seq + 1),
-- and that transaction saves the shadow account with "WHERE version = ?" (on PostgreSQL after locking the row FOR
-- UPDATE): of two transactions placing the same counter, the second finds the version moved and rolls back with its
-- purchase, then is retried on the chain as committed, where the counter is used (Q2, or 94 for an exact copy, which
-- its terminal and TTSN find first). The index proved the same thing again at the price of a random-position B-tree
-- insert per purchase (the costliest of the purchase table's four: measured, issue 23). The (terminal, TTSN)
-- identity stays unique in the database: the ingest reads a batch's used TTSNs from it.
-- Reads by card (a card's transactions, its float) now scan the purchase table.
ALTER TABLE purchase DROP CONSTRAINT purchase_card_seq;
