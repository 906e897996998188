-- Staff sign-in failures (issue 15): counted in the database, so every server instance sees the same counts and
-- locks, and a restart forgets none. kind U = a user name, A = a client address; times in Unix milliseconds from
-- the server's clock (no time-zone conversion between nodes). Rows untouched for longer than the longest lock are
-- deleted as new failures come. Derby and PostgreSQL alike.
CREATE TABLE staff_login_failure (
    kind CHAR(1) NOT NULL,
    subject VARCHAR(200) NOT NULL,
    failures INTEGER NOT NULL,
    last_failure_ms BIGINT NOT NULL,
    locked_until_ms BIGINT,
    CONSTRAINT pk_staff_login_failure PRIMARY KEY (kind, subject),
    CONSTRAINT ck_staff_login_failure_kind CHECK (kind IN ('U', 'A'))
);
CREATE INDEX ix_staff_login_failure_last ON staff_login_failure (last_failure_ms);
