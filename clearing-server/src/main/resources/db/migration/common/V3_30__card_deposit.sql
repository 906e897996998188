-- Issue 22: the refundable deposit (押金) a card centre takes when it issues a card. One row per card: HELD while the
-- card holds it (ledger account CARD_DEPOSIT, sub-ledger per card), REFUNDED (BANK: with the cancelled card's refund
-- in the next day close's bank file; CASH: paid out at the counter) or MOVED to the replacing card, whose row then
-- names this one in moved_from. A deposit leaves HELD once only. Derby and PostgreSQL alike.
CREATE TABLE card_deposit (
    asn                 CHAR(20) NOT NULL PRIMARY KEY,
    amount              BIGINT NOT NULL,
    status              VARCHAR(12) NOT NULL,
    refund_mode         VARCHAR(8),
    moved_from          CHAR(20),
    moved_to            CHAR(20),
    taken_journal_id    BIGINT NOT NULL,
    closed_journal_id   BIGINT,
    taken_at            TIMESTAMP NOT NULL,
    closed_at           TIMESTAMP,
    CONSTRAINT card_deposit_amount CHECK (amount > 0)
);
