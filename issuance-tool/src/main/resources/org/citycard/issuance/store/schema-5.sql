-- Issuance tool database, version 5: the boot password can be changed (issue db change-boot-password). The keys
-- derived from the boot password (the audit chain's HMAC key) must stay what they were, or the chain and the head the
-- clearing server holds would no longer verify: so the secret they derive from is kept wrapped (AES-256-GCM) under a
-- key derived (PBKDF2) from the new boot password with a salt of its own. A database whose boot password was never
-- changed has no row here: its secret is derived from the boot password and key_salt, as before.
CREATE TABLE key_wrap (
    id          INT NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    salt        CHAR(32) NOT NULL,
    wrapped     VARCHAR(200) NOT NULL,
    created_at  TIMESTAMP NOT NULL
);
