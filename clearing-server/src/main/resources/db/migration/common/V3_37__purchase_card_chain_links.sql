-- Issue 23: the card chain is the purchases' card index, so the ingest keeps no (ASN, offline seq) index.
-- A purchase is written only in the transaction that moves its card's chain past its offline counter, and that
-- transaction saves the shadow account WHERE version = ? (on PostgreSQL after locking the row FOR UPDATE): a counter
-- is used once by construction, the unique index purchase_card_seq proved it a second time at the price of a
-- random-position B-tree insert per purchase, the costliest of the purchase table's indexes.
-- What the index served instead:
--   * reads of a card's purchases: every purchase row names the card's purchase before it (prev_purchase_id, NULL
--     for the card's first) and the shadow account the last one (last_purchase_id), written in the same statements
--     as before (the purchase INSERT, the chain's UPDATE): a card's purchases are read backwards by the purchase key;
--   * a card's float (refund, balance move): the shadow account keeps the sum of its accepted purchases
--     (purchase_amount), moved in the same UPDATE as its chain; the trial balance checks it against the rows.
-- Derby and PostgreSQL alike; existing rows are linked here (before the index goes, which the links are read by).
ALTER TABLE purchase ADD COLUMN prev_purchase_id BIGINT;
ALTER TABLE card_account ADD COLUMN last_purchase_id BIGINT;
ALTER TABLE card_account ADD COLUMN purchase_amount BIGINT NOT NULL DEFAULT 0;

UPDATE purchase SET prev_purchase_id = (SELECT q.id FROM purchase q WHERE q.asn = purchase.asn
    AND q.offline_seq = (SELECT MAX(r.offline_seq) FROM purchase r WHERE r.asn = purchase.asn
        AND r.offline_seq < purchase.offline_seq));

UPDATE card_account SET
    purchase_amount = (SELECT COALESCE(SUM(p.amount), 0) FROM purchase p WHERE p.asn = card_account.asn),
    last_purchase_id = (SELECT p.id FROM purchase p WHERE p.asn = card_account.asn
        AND p.offline_seq = (SELECT MAX(q.offline_seq) FROM purchase q WHERE q.asn = card_account.asn));

ALTER TABLE purchase DROP CONSTRAINT purchase_card_seq;
