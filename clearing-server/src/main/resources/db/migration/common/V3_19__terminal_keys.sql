-- Terminal keys (DESIGN §3.8 v2): each terminal's own master key (TMK) and its current working key (TAK), both
-- only as 3DES-ECB under the server's local master key (LMK, in its key store), with their check values. The TMK
-- is made by `./citycard server terminal-keys`; the TAK anew at every sign-on (tak_issued_at dates it: a TAK older
-- than its lifetime is answered A0, sign on again). A terminal without a row here can sign on only under the demo
-- keys (its demo TMK); a terminal whose TAK is null has to sign on before anything else.
CREATE TABLE terminal_key (
    terminal_id CHAR(12) NOT NULL PRIMARY KEY REFERENCES terminal (terminal_id),
    tmk_under_lmk CHAR(32),
    tmk_check_value CHAR(6),
    tak_under_lmk CHAR(32),
    tak_check_value CHAR(6),
    tak_issued_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
