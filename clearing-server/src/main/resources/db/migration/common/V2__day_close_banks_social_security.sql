-- CityCard clearing server, day close and the banks (issue 7). Same rules as V1: SQL that Derby 10.16 and
-- PostgreSQL 15 both run, money in BIGINT fen, dates CHAR(8) YYYYMMDD.

-- ---------------------------------------------------------------- banks
-- The banks the clearing centre pays through: its own settlement account at each (the debtor of the pain.001).
-- A department whose bank is here is paid by that bank; any other through the default bank (CNAPS transfer).
CREATE TABLE bank (
    bank_code CHAR(12) NOT NULL PRIMARY KEY,
    name VARCHAR(60) NOT NULL,
    bic VARCHAR(11) NOT NULL,
    settlement_account VARCHAR(32) NOT NULL,
    settlement_account_name VARCHAR(60) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- The holder of a card (citizen ID number), when issuance reports it: the kiosk's social-security queries check it.
ALTER TABLE card ADD COLUMN holder_id VARCHAR(18);
CREATE INDEX card_holder ON card (holder_id);

-- ---------------------------------------------------------------- day close
-- A closed business day: nothing more is booked on it (later records go to the next open day).
CREATE TABLE business_day (
    business_date CHAR(8) NOT NULL PRIMARY KEY,
    status VARCHAR(12) NOT NULL,
    files_created VARCHAR(30) NOT NULL,
    purchase_count BIGINT NOT NULL,
    gross BIGINT NOT NULL,
    fee BIGINT NOT NULL,
    net BIGINT NOT NULL,
    payment_count INTEGER NOT NULL,
    payment_total BIGINT NOT NULL,
    journal_id BIGINT,
    closed_by VARCHAR(40) NOT NULL,
    closed_at TIMESTAMP NOT NULL
);

-- Per department and closed day: the frozen totals. record_fees is what ingest posted record by record; fee is
-- the day's fee on the department total (half up), the difference posted at close.
CREATE TABLE settlement (
    business_date CHAR(8) NOT NULL,
    department_code CHAR(4) NOT NULL,
    purchase_count BIGINT NOT NULL,
    gross BIGINT NOT NULL,
    record_fees BIGINT NOT NULL,
    fee_rate_bp INTEGER NOT NULL,
    fee BIGINT NOT NULL,
    net BIGINT NOT NULL,
    PRIMARY KEY (business_date, department_code)
);

-- One clearing file set (pain.001, detail file, manifest, signature) per closed day and paying bank. The message
-- ID is the primary key: a second file with the same MsgId cannot exist.
CREATE TABLE bank_file (
    message_id VARCHAR(35) NOT NULL PRIMARY KEY,
    business_date CHAR(8) NOT NULL,
    bank_code CHAR(12) NOT NULL,
    bank_name VARCHAR(60) NOT NULL,
    bic VARCHAR(11) NOT NULL,
    debtor_account VARCHAR(32) NOT NULL,
    debtor_name VARCHAR(60) NOT NULL,
    tx_count INTEGER NOT NULL,
    ctrl_sum BIGINT NOT NULL,
    status VARCHAR(16) NOT NULL,
    folder VARCHAR(300) NOT NULL,
    manifest_sha256 CHAR(64),
    created_at TIMESTAMP NOT NULL,
    status_at TIMESTAMP,
    CONSTRAINT bank_file_day_bank UNIQUE (business_date, bank_code)
);

-- One credit transfer of a bank file: a department's net of a day, a retry of a rejected one, or a card refund.
-- Creditor details are a snapshot, so a rerun of the day writes the same bytes.
CREATE TABLE payment (
    end_to_end_id VARCHAR(35) NOT NULL PRIMARY KEY,
    message_id VARCHAR(35) NOT NULL REFERENCES bank_file (message_id),
    business_date CHAR(8) NOT NULL,
    kind VARCHAR(12) NOT NULL,
    department_code CHAR(4) NOT NULL,
    asn CHAR(20),
    payee_name VARCHAR(60) NOT NULL,
    creditor_name VARCHAR(60) NOT NULL,
    creditor_account VARCHAR(32) NOT NULL,
    creditor_bank CHAR(12) NOT NULL,
    creditor_bic VARCHAR(11),
    purchase_count BIGINT NOT NULL,
    gross BIGINT NOT NULL,
    fee BIGINT NOT NULL,
    amount BIGINT NOT NULL,
    status VARCHAR(12) NOT NULL,
    reason VARCHAR(300) NOT NULL,
    retry_of VARCHAR(300),
    retried_by VARCHAR(35),
    status_at TIMESTAMP
);
CREATE INDEX payment_status ON payment (status, retried_by);

-- pain.002 status reports applied, by the report's own MsgId (a report is applied once).
CREATE TABLE bank_status_report (
    report_id VARCHAR(35) NOT NULL PRIMARY KEY,
    message_id VARCHAR(35) NOT NULL REFERENCES bank_file (message_id),
    sha256 CHAR(64) NOT NULL,
    accepted INTEGER NOT NULL,
    rejected INTEGER NOT NULL,
    received_at TIMESTAMP NOT NULL
);

-- Refund of a cancelled card and balance move of a replaced one: PENDING until the card's outstanding records are
-- in, then DONE with the amount; a refund is paid in the next closed day's bank file (end_to_end_id).
CREATE TABLE card_settlement (
    asn CHAR(20) NOT NULL PRIMARY KEY,
    kind VARCHAR(12) NOT NULL,
    new_asn CHAR(20),
    bank_code CHAR(12),
    account_number VARCHAR(32),
    account_name VARCHAR(60),
    status VARCHAR(12) NOT NULL,
    amount BIGINT NOT NULL,
    reason VARCHAR(300) NOT NULL,
    requested_at TIMESTAMP NOT NULL,
    ready_at TIMESTAMP NOT NULL,
    done_at TIMESTAMP,
    journal_id BIGINT,
    end_to_end_id VARCHAR(35)
);

-- ---------------------------------------------------------------- social security
-- Department exchange files imported, by the SHA-256 of their bytes (a file is imported once).
CREATE TABLE ss_import (
    sha256 CHAR(64) NOT NULL PRIMARY KEY,
    file_name VARCHAR(120) NOT NULL,
    sender VARCHAR(12) NOT NULL,
    created CHAR(8) NOT NULL,
    detail_lines INTEGER NOT NULL,
    contributions INTEGER NOT NULL,
    movements INTEGER NOT NULL,
    rejected INTEGER NOT NULL,
    errors VARCHAR(8000) NOT NULL,
    imported_by VARCHAR(40) NOT NULL,
    imported_at TIMESTAMP NOT NULL
);

-- Contributions by citizen, month and insurance type; a later file corrects an earlier one.
CREATE TABLE ss_contribution (
    citizen_id VARCHAR(18) NOT NULL,
    contribution_month CHAR(6) NOT NULL,
    insurance_type CHAR(3) NOT NULL,
    base BIGINT NOT NULL,
    employer_amount BIGINT NOT NULL,
    personal_amount BIGINT NOT NULL,
    payer VARCHAR(40) NOT NULL,
    import_sha256 CHAR(64) NOT NULL,
    PRIMARY KEY (citizen_id, contribution_month, insurance_type)
);

-- Medical personal-account movements in the order of the files.
CREATE TABLE ss_medical_movement (
    import_sha256 CHAR(64) NOT NULL,
    line_no INTEGER NOT NULL,
    citizen_id VARCHAR(18) NOT NULL,
    movement_date CHAR(8) NOT NULL,
    direction CHAR(1) NOT NULL,
    amount BIGINT NOT NULL,
    balance_after BIGINT NOT NULL,
    description VARCHAR(40) NOT NULL,
    PRIMARY KEY (import_sha256, line_no)
);
CREATE INDEX ss_movement_citizen ON ss_medical_movement (citizen_id, movement_date);
