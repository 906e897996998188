-- Issue 22: per-terminal offline limits (an administrator's setting). A row overrides, for one terminal, the
-- dictionary's default per-purchase and per-day offline amounts (card parameters offline_purchase_limit and
-- offline_daily_limit) the server serves in that terminal's parameters; a column left NULL keeps the default. Who
-- changed it and when is kept with it. Derby and PostgreSQL alike.
CREATE TABLE terminal_offline_limit (
    terminal_id     CHAR(12) NOT NULL PRIMARY KEY REFERENCES terminal (terminal_id),
    purchase_limit  BIGINT,
    daily_limit     BIGINT,
    changed_by      VARCHAR(64) NOT NULL,
    changed_at      TIMESTAMP NOT NULL,
    CONSTRAINT terminal_offline_limit_purchase CHECK (purchase_limit IS NULL OR purchase_limit > 0),
    CONSTRAINT terminal_offline_limit_daily CHECK (daily_limit IS NULL OR daily_limit > 0)
);
