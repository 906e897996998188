-- Issuance tool database, version 6 (issue 22): each production batch has the key version of its cards' keys
-- (issue batch create --key-version N, default the newest the key set holds); batches made before are version 01.
-- 0 while a batch made without a version has not run yet: its first run fixes the key set's newest version.
ALTER TABLE production_batch ADD COLUMN key_version SMALLINT NOT NULL DEFAULT 1;
