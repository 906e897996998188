-- Issue 15: the last audit chain head each card centre (the issuance tool's server account) reported: the newest
-- entry's sequence number and HMAC-SHA256. A rewritten local history no longer matches it. Derby and PostgreSQL alike.
CREATE TABLE card_centre_audit_head (
    centre          VARCHAR(64) NOT NULL PRIMARY KEY,
    seq             BIGINT NOT NULL,
    mac             CHAR(64) NOT NULL,
    reported_at     TIMESTAMP NOT NULL
);
