-- Issuance tool database, version 1 (Apache Derby, embedded). Statements end with a semicolon at the end of a line.
-- No key and no PIN is ever stored here; key ceremonies keep only key check values.

CREATE TABLE staff (
    username        VARCHAR(32) NOT NULL PRIMARY KEY,
    display_name    VARCHAR(80) NOT NULL,
    roles           VARCHAR(200) NOT NULL,
    password_hash   VARCHAR(200) NOT NULL,
    active          BOOLEAN NOT NULL,
    failed_logins   INT NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    created_by      VARCHAR(32) NOT NULL
);

CREATE TABLE staff_session (
    token_hash      CHAR(64) NOT NULL PRIMARY KEY,
    username        VARCHAR(32) NOT NULL REFERENCES staff (username),
    created_at      TIMESTAMP NOT NULL,
    expires_at      TIMESTAMP NOT NULL
);

CREATE TABLE audit_log (
    seq             BIGINT NOT NULL PRIMARY KEY,
    happened_at     TIMESTAMP NOT NULL,
    actor           VARCHAR(32) NOT NULL,
    action          VARCHAR(40) NOT NULL,
    citizen         VARCHAR(18),
    card            VARCHAR(20),
    detail          VARCHAR(1000) NOT NULL,
    prev_hash       CHAR(64) NOT NULL,
    hash            CHAR(64) NOT NULL
);

-- The newest entry of the audit log, so that appending reads one row instead of searching the log.
CREATE TABLE audit_head (
    id              INT NOT NULL PRIMARY KEY,
    seq             BIGINT NOT NULL,
    hash            CHAR(64) NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE citizen (
    citizen_id      CHAR(18) NOT NULL PRIMARY KEY,
    name            VARCHAR(30) NOT NULL,
    sex             CHAR(1) NOT NULL,
    ethnicity       CHAR(2) NOT NULL,
    birth_date      DATE NOT NULL,
    birthplace      CHAR(6) NOT NULL,
    address         VARCHAR(80),
    phone           VARCHAR(15),
    education       CHAR(2),
    photo           BLOB(64K),
    photo_type      VARCHAR(4),
    photo_sha256    CHAR(64),
    enrolled_at     TIMESTAMP NOT NULL,
    enrolled_by     VARCHAR(32) NOT NULL
);
CREATE INDEX citizen_person ON citizen (name, birth_date, sex);
CREATE INDEX citizen_photo ON citizen (photo_sha256);

-- One row per card: the application (申请) becomes the card once personalised.
CREATE TABLE card (
    id              BIGINT NOT NULL GENERATED ALWAYS AS IDENTITY (START WITH 1000001) PRIMARY KEY,
    citizen_id      CHAR(18) NOT NULL REFERENCES citizen (citizen_id),
    card_type       CHAR(1) NOT NULL,
    state           CHAR(2) NOT NULL,
    asn             CHAR(20) UNIQUE,
    card_number     CHAR(9) UNIQUE,
    issue_date      DATE,
    expiry_date     DATE,
    replaces_id     BIGINT,
    batch_id        BIGINT,
    insurance       VARCHAR(200),
    server_reported BOOLEAN NOT NULL,
    settlement      VARCHAR(20),
    settled_amount  BIGINT,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX card_citizen ON card (citizen_id);
CREATE INDEX card_state ON card (state);

CREATE TABLE card_history (
    id              BIGINT NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    card_id         BIGINT NOT NULL REFERENCES card (id),
    from_state      CHAR(2),
    to_state        CHAR(2) NOT NULL,
    happened_at     TIMESTAMP NOT NULL,
    actor           VARCHAR(32) NOT NULL,
    reason          VARCHAR(400)
);
CREATE INDEX card_history_card ON card_history (card_id);

CREATE TABLE registry_import (
    id              BIGINT NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    file_name       VARCHAR(260) NOT NULL,
    sha256          CHAR(64) NOT NULL,
    lines_read      INT NOT NULL,
    lines_bad       INT NOT NULL,
    imported_at     TIMESTAMP NOT NULL,
    imported_by     VARCHAR(32) NOT NULL
);

CREATE TABLE registry_person (
    citizen_id      CHAR(18) NOT NULL PRIMARY KEY,
    name            VARCHAR(30) NOT NULL,
    sex             CHAR(1) NOT NULL,
    birth_date      DATE NOT NULL,
    ethnicity       CHAR(2) NOT NULL,
    region          CHAR(6) NOT NULL,
    status          CHAR(1) NOT NULL,
    import_id       BIGINT NOT NULL
);

-- The outcome of the last comparison (比对) of an application, and the reviewer's decision when it was flagged.
CREATE TABLE comparison (
    card_id         BIGINT NOT NULL PRIMARY KEY REFERENCES card (id),
    outcome         VARCHAR(12) NOT NULL,
    findings        VARCHAR(2000) NOT NULL,
    compared_at     TIMESTAMP NOT NULL,
    compared_by     VARCHAR(32) NOT NULL,
    decision        VARCHAR(10),
    decision_reason VARCHAR(400),
    decided_at      TIMESTAMP,
    decided_by      VARCHAR(32)
);

CREATE TABLE asn_counter (
    prefix          VARCHAR(20) NOT NULL PRIMARY KEY,
    next_serial     BIGINT NOT NULL
);

CREATE TABLE production_batch (
    id              BIGINT NOT NULL GENERATED ALWAYS AS IDENTITY (START WITH 1) PRIMARY KEY,
    created_at      TIMESTAMP NOT NULL,
    created_by      VARCHAR(32) NOT NULL,
    key_set         VARCHAR(80) NOT NULL,
    size            INT NOT NULL,
    finished_at     TIMESTAMP
);

-- One row per card of a batch. DONE is written in the same transaction as the card's move to PERSONALISED, so a
-- batch resumed after an interruption redoes exactly the cards that were not finished.
CREATE TABLE batch_item (
    batch_id        BIGINT NOT NULL REFERENCES production_batch (id),
    card_id         BIGINT NOT NULL REFERENCES card (id),
    position        INT NOT NULL,
    status          VARCHAR(12) NOT NULL,
    attempts        INT NOT NULL,
    last_error      VARCHAR(400),
    started_at      TIMESTAMP,
    finished_at     TIMESTAMP,
    PRIMARY KEY (batch_id, card_id)
);

CREATE TABLE psam (
    terminal_id     CHAR(12) NOT NULL PRIMARY KEY,
    key_set         VARCHAR(80) NOT NULL,
    personalised_at TIMESTAMP NOT NULL,
    personalised_by VARCHAR(32) NOT NULL
);

-- Key ceremonies: who held which component and the check values; never a key or a component.
CREATE TABLE key_ceremony (
    id              BIGINT NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key_id          VARCHAR(12) NOT NULL,
    key_store       VARCHAR(260) NOT NULL,
    components      INT NOT NULL,
    custodians      VARCHAR(200) NOT NULL,
    component_kcvs  VARCHAR(100) NOT NULL,
    key_kcv         CHAR(6) NOT NULL,
    happened_at     TIMESTAMP NOT NULL,
    supervisor      VARCHAR(32) NOT NULL
);
