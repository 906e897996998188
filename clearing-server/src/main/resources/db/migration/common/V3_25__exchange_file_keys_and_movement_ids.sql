-- Exchange files (issue 15). Each department's exchange-file key (HMAC-SHA256, 32 bytes, made at random by the
-- server: POST /api/v1/admin/exchange/file-keys/{party}) is kept only as 3DES-ECB under the server's local master
-- key (LMK, in its key store), with its check value; a department exchange file whose trailer MAC does not verify
-- under its sender's key is refused whole.
CREATE TABLE exchange_file_key (
    party VARCHAR(12) NOT NULL PRIMARY KEY,
    key_under_lmk CHAR(64) NOT NULL,
    check_value CHAR(6) NOT NULL,
    issued_at TIMESTAMP NOT NULL
);

-- A medical-account movement is identified by its sender and the sender's movement ID, in exchange files and
-- MM documents alike: a movement sent again is recognised and not booked twice; one with the same ID and other
-- content is refused. Movements taken in before this version have neither (NULL: not constrained).
ALTER TABLE ss_medical_movement ADD COLUMN sender VARCHAR(12);
ALTER TABLE ss_medical_movement ADD COLUMN movement_id VARCHAR(20);
ALTER TABLE ss_medical_movement ADD CONSTRAINT ss_movement_natural_key UNIQUE (sender, movement_id);
