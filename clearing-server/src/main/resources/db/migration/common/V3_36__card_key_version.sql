-- Issue 22, key versions: a card's keys are diversified from the master keys of one key version (1 byte, CARD-SPEC
-- §3), the byte its INITIALIZE answers. card.key_version is the version the card registry holds for the card:
-- reported by issuance when it registers the card (POST /api/v1/cards "keyVersion", default 1) and changed when a
-- counter re-keys the card (PUT /api/v1/cards/{asn}/key-version). The server verifies a card's MAC1, MAC2 and TACs
-- with the master keys of this version. Every card registered before this migration is of version 01.
ALTER TABLE card ADD COLUMN key_version SMALLINT NOT NULL DEFAULT 1;

-- A key version retired at the server (./citycard server key-version retire N, POST
-- /api/v1/admin/key-versions/{n}/retire): loads of cards still on it are declined (response code K1) and their
-- uploaded records quarantined (QK) until a counter re-keys the card. A version without a row is active. Retiring
-- is for good; the row says who retired it and when.
CREATE TABLE key_version_state (
    key_version  SMALLINT NOT NULL PRIMARY KEY,
    state        VARCHAR(8) NOT NULL,
    changed_by   VARCHAR(64) NOT NULL,
    changed_at   TIMESTAMP NOT NULL,
    reason       VARCHAR(200),
    CONSTRAINT key_version_state_range CHECK (key_version BETWEEN 1 AND 255),
    CONSTRAINT key_version_state_state CHECK (state IN ('RETIRED'))
);

-- The audit trail of key-version changes: every retirement and every card re-keyed (from, to, by whom).
CREATE TABLE key_version_event (
    id           BIGINT NOT NULL PRIMARY KEY,
    kind         VARCHAR(8) NOT NULL,
    key_version  SMALLINT NOT NULL,
    asn          CHAR(20),
    from_version SMALLINT,
    actor        VARCHAR(64) NOT NULL,
    happened_at  TIMESTAMP NOT NULL,
    detail       VARCHAR(200)
);
