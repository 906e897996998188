-- National cryptography for the bank files (issue 16). Derby 10.16 and PostgreSQL 15 alike.
-- Per bank, which signatures the manifest of its file sets carries: ED25519 (key store alias cfsk), SM2
-- (SM3withSM2, alias cfsk-sm2) or both, comma separated in that order. Existing banks keep Ed25519.
ALTER TABLE bank ADD COLUMN manifest_signatures VARCHAR(20) NOT NULL DEFAULT 'ED25519';

-- Per bank file, what its close chose (a rerun writes the same set, whatever the bank's setting is now) and the
-- manifest's version: 1 (SHA-256 only, every file set closed before this migration) or 2 (SHA-256 and SM3).
ALTER TABLE bank_file ADD COLUMN manifest_signatures VARCHAR(20) NOT NULL DEFAULT 'ED25519';
ALTER TABLE bank_file ADD COLUMN manifest_version INTEGER NOT NULL DEFAULT 1;
