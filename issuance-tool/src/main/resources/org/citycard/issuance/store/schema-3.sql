-- Issuance tool database, version 3 (issue 15): the audit chain is keyed, HMAC-SHA256 under a key derived from the
-- boot password (never stored). The salt of that derivation is kept here (it is not secret). Entries written before
-- stay chained with plain SHA-256: keyed_from is the first keyed entry, and keyed_from_mac (written by the tool when
-- it upgrades the database) keeps anyone without the key from moving it.
CREATE TABLE key_salt (
    id              INT NOT NULL PRIMARY KEY,
    salt            CHAR(32) NOT NULL
);
ALTER TABLE audit_head ADD COLUMN keyed_from BIGINT;
ALTER TABLE audit_head ADD COLUMN keyed_from_mac CHAR(64);
UPDATE audit_head SET keyed_from = seq + 1;
