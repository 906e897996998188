-- Staff accounts (issue 15): a password that must be changed before the account may do anything else (the first
-- administrator's generated one, when citycard.security.force-initial-password-change is on). Existing accounts
-- keep working. Derby and PostgreSQL alike.
ALTER TABLE staff_user ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT FALSE;
