-- Issuance tool database, version 2 (issue 15): a staff session ends after an idle time and belongs to the OS user
-- whose CLI opened it (null for the desk's browser sessions). Sessions opened before are ended.
DELETE FROM staff_session;
ALTER TABLE staff_session ADD COLUMN last_seen TIMESTAMP;
ALTER TABLE staff_session ADD COLUMN os_user VARCHAR(64);
