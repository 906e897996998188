-- CityCard clearing server, core schema (issue 6). One Flyway history for Apache Derby and PostgreSQL:
-- only the SQL both understand. Money is BIGINT fen; dates are CHAR(8) YYYYMMDD and times CHAR(6) hhmmss, as
-- the dictionary's elements define them; instants are TIMESTAMP (server clock).

-- Identifiers are handed out in blocks (hi/lo) so that batch ingest needs no round trip per row.
CREATE TABLE id_block (
    name VARCHAR(30) NOT NULL PRIMARY KEY,
    next_id BIGINT NOT NULL
);
INSERT INTO id_block (name, next_id) VALUES ('journal', 1);
INSERT INTO id_block (name, next_id) VALUES ('purchase', 1);
INSERT INTO id_block (name, next_id) VALUES ('quarantine', 1);
INSERT INTO id_block (name, next_id) VALUES ('event', 1);

-- Versions terminals compare on sign-on (ISO 8583 field 62): hotlist and parameters.
CREATE TABLE system_version (
    name VARCHAR(30) NOT NULL PRIMARY KEY,
    version BIGINT NOT NULL
);
INSERT INTO system_version (name, version) VALUES ('hotlist', 1);
INSERT INTO system_version (name, version) VALUES ('parameters', 1);

CREATE TABLE staff_user (
    username VARCHAR(40) NOT NULL PRIMARY KEY,
    password_hash VARCHAR(100) NOT NULL,
    roles VARCHAR(100) NOT NULL,
    enabled BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- ---------------------------------------------------------------- reference data
CREATE TABLE department (
    code CHAR(4) NOT NULL PRIMARY KEY,
    name VARCHAR(60) NOT NULL,
    category CHAR(2) NOT NULL,
    bank_code CHAR(12) NOT NULL,
    account_number VARCHAR(32) NOT NULL,
    account_name VARCHAR(60) NOT NULL,
    fee_rate_bp INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE terminal (
    terminal_id CHAR(12) NOT NULL PRIMARY KEY,
    department_code CHAR(4) NOT NULL REFERENCES department (code),
    psam_serial VARCHAR(20) NOT NULL UNIQUE,
    active BOOLEAN NOT NULL,
    signed_on_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE card (
    asn CHAR(20) NOT NULL PRIMARY KEY,
    state CHAR(2) NOT NULL,
    expiry_date CHAR(8),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- The card's shadow account: where the server's view of the card's two counters and its balance chain stands.
-- next_offline_seq: the offline counter the next purchase must carry; chain_balance: the card balance after the
-- last accepted purchase and the loads placed before it; chain_online_seq: the online counter of the last load
-- placed in the chain (-1: none); held: records of this card waiting in quarantine for a gap to close;
-- pending_loads: completed loads not yet placed in the chain; version: optimistic lock of concurrent batches.
CREATE TABLE card_account (
    asn CHAR(20) NOT NULL PRIMARY KEY REFERENCES card (asn),
    next_offline_seq INTEGER NOT NULL,
    chain_balance BIGINT NOT NULL,
    chain_online_seq INTEGER NOT NULL,
    purchase_count BIGINT NOT NULL,
    held INTEGER NOT NULL,
    pending_loads INTEGER NOT NULL,
    version BIGINT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE hotlist_entry (
    asn CHAR(20) NOT NULL PRIMARY KEY,
    reason VARCHAR(80) NOT NULL,
    listed_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL
);

-- Every change of the hotlist, for agents that download the changes since their version.
CREATE TABLE hotlist_change (
    version BIGINT NOT NULL PRIMARY KEY,
    asn CHAR(20) NOT NULL,
    change_type CHAR(1) NOT NULL,
    changed_at TIMESTAMP NOT NULL,
    changed_by VARCHAR(40) NOT NULL
);

-- ---------------------------------------------------------------- ledger
CREATE TABLE journal (
    id BIGINT NOT NULL PRIMARY KEY,
    kind VARCHAR(20) NOT NULL,
    business_date CHAR(8) NOT NULL,
    source_ref VARCHAR(40) NOT NULL,
    terminal_id CHAR(12),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX journal_day ON journal (business_date, kind);

-- One line of a journal: exactly one of debit / credit is positive. asn is set on purse-float lines (the card
-- sub-ledger), department_code on department payable and fee lines.
CREATE TABLE posting (
    journal_id BIGINT NOT NULL REFERENCES journal (id),
    line_no INTEGER NOT NULL,
    account VARCHAR(24) NOT NULL,
    asn CHAR(20),
    department_code CHAR(4),
    debit BIGINT NOT NULL,
    credit BIGINT NOT NULL,
    business_date CHAR(8) NOT NULL,
    PRIMARY KEY (journal_id, line_no)
);
-- Department and day queries go through posting_account (account, business_date); per-card floats through
-- posting_card. Few indexes: every one is paid for on each ingested batch.
CREATE INDEX posting_account ON posting (account, business_date);
CREATE INDEX posting_card ON posting (asn);

-- ---------------------------------------------------------------- online loads (0100 / 0220 / 0400)
CREATE TABLE load_txn (
    terminal_id CHAR(12) NOT NULL,
    stan CHAR(6) NOT NULL,
    request_digest CHAR(64) NOT NULL,
    asn CHAR(20) NOT NULL,
    processing_code CHAR(6) NOT NULL,
    amount BIGINT NOT NULL,
    balance_before BIGINT NOT NULL,
    online_seq INTEGER NOT NULL,
    key_version SMALLINT NOT NULL,
    algorithm_id SMALLINT NOT NULL,
    card_random CHAR(8) NOT NULL,
    local_date CHAR(8) NOT NULL,
    local_time CHAR(6) NOT NULL,
    department_code CHAR(4) NOT NULL,
    host_date CHAR(8),
    host_time CHAR(6),
    rrn CHAR(12),
    auth_code CHAR(6),
    mac2 CHAR(8),
    response_code CHAR(2) NOT NULL,
    status VARCHAR(12) NOT NULL,
    tac CHAR(8),
    business_date CHAR(8) NOT NULL,
    auth_journal_id BIGINT,
    completion_journal_id BIGINT,
    reversal_journal_id BIGINT,
    created_at TIMESTAMP NOT NULL,
    completed_at TIMESTAMP,
    PRIMARY KEY (terminal_id, stan)
);
CREATE INDEX load_card ON load_txn (asn, online_seq);
CREATE INDEX load_day ON load_txn (business_date, department_code);

-- ---------------------------------------------------------------- offline records (0320 / 0330)
-- Accepted purchases only: idempotent by (ASN, offline seq) and (terminal, TTSN), enforced by the database.
-- The columns are the TAC's inputs, so a dispute can re-verify a record from here.
CREATE TABLE purchase (
    id BIGINT NOT NULL PRIMARY KEY,
    asn CHAR(20) NOT NULL,
    offline_seq INTEGER NOT NULL,
    record_type CHAR(2) NOT NULL,
    balance_before BIGINT NOT NULL,
    amount BIGINT NOT NULL,
    fee BIGINT NOT NULL,
    terminal_id CHAR(12) NOT NULL,
    ttsn BIGINT NOT NULL,
    txn_date CHAR(8) NOT NULL,
    txn_time CHAR(6) NOT NULL,
    tac CHAR(8) NOT NULL,
    key_version SMALLINT NOT NULL,
    algorithm_id SMALLINT NOT NULL,
    department_code CHAR(4) NOT NULL,
    payee_reference VARCHAR(20) NOT NULL,
    chain_online_seq INTEGER NOT NULL,
    business_date CHAR(8) NOT NULL,
    batch_terminal CHAR(12) NOT NULL,
    batch_number CHAR(6) NOT NULL,
    journal_id BIGINT NOT NULL,
    received_at TIMESTAMP NOT NULL,
    CONSTRAINT purchase_card_seq UNIQUE (asn, offline_seq),
    CONSTRAINT purchase_terminal_ttsn UNIQUE (terminal_id, ttsn)
);
-- Day and department totals; terminal queries use the (terminal_id, ttsn) key.
CREATE INDEX purchase_day_department ON purchase (business_date, department_code);

-- What never reaches the ledger, with the reason (dictionary table quarantine-reason). HELD records (counter gap,
-- balance chain) are looked at again when the card's chain moves and may be RELEASED into the ledger.
CREATE TABLE quarantine (
    id BIGINT NOT NULL PRIMARY KEY,
    source VARCHAR(8) NOT NULL,
    reason CHAR(2) NOT NULL,
    status VARCHAR(12) NOT NULL,
    detail VARCHAR(200) NOT NULL,
    asn CHAR(20),
    offline_seq INTEGER,
    terminal_id CHAR(12),
    ttsn BIGINT,
    amount BIGINT,
    txn_date CHAR(8),
    txn_time CHAR(6),
    raw_data VARCHAR(200) NOT NULL,
    batch_terminal CHAR(12),
    batch_number CHAR(6),
    business_date CHAR(8) NOT NULL,
    received_at TIMESTAMP NOT NULL,
    released_purchase_id BIGINT
);
CREATE INDEX quarantine_card ON quarantine (asn, status);
CREATE INDEX quarantine_day ON quarantine (business_date, reason);
CREATE INDEX quarantine_terminal ON quarantine (terminal_id, txn_date);

-- Card events that carry no money (record type A1: a hotlisted card was blocked at a terminal).
CREATE TABLE card_event (
    id BIGINT NOT NULL PRIMARY KEY,
    asn CHAR(20) NOT NULL,
    record_type CHAR(2) NOT NULL,
    terminal_id CHAR(12) NOT NULL,
    txn_date CHAR(8) NOT NULL,
    txn_time CHAR(6) NOT NULL,
    batch_terminal CHAR(12) NOT NULL,
    batch_number CHAR(6) NOT NULL,
    received_at TIMESTAMP NOT NULL
);

-- One row per processed batch: a repeated batch is answered from here.
CREATE TABLE upload_batch (
    terminal_id CHAR(12) NOT NULL,
    batch_number CHAR(6) NOT NULL,
    content_digest CHAR(64) NOT NULL,
    stan CHAR(6) NOT NULL,
    record_count INTEGER NOT NULL,
    accepted INTEGER NOT NULL,
    duplicates INTEGER NOT NULL,
    quarantined INTEGER NOT NULL,
    accepted_amount BIGINT NOT NULL,
    results VARCHAR(400) NOT NULL,
    business_date CHAR(8) NOT NULL,
    received_at TIMESTAMP NOT NULL,
    PRIMARY KEY (terminal_id, batch_number)
);

-- Terminal batch reconciliation (0500 / 0510): the terminal's totals beside the host's.
CREATE TABLE reconciliation (
    id BIGINT NOT NULL PRIMARY KEY,
    terminal_id CHAR(12) NOT NULL,
    business_date CHAR(8) NOT NULL,
    batch_number CHAR(6) NOT NULL,
    terminal_credit_count BIGINT NOT NULL,
    terminal_credit_amount BIGINT NOT NULL,
    terminal_debit_count BIGINT NOT NULL,
    terminal_debit_amount BIGINT NOT NULL,
    host_credit_count BIGINT NOT NULL,
    host_credit_amount BIGINT NOT NULL,
    host_debit_count BIGINT NOT NULL,
    host_debit_amount BIGINT NOT NULL,
    response_code CHAR(2) NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX reconciliation_terminal ON reconciliation (terminal_id, business_date);
