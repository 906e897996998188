-- Several server instances behind a load balancer (issue 21): the card-present challenges (issue 15) live in the
-- database, so that a challenge a kiosk was given by one instance is honoured by whichever instance its query
-- reaches, and used up there for all of them (one use: the row is deleted by the query that uses it). At most a few
-- per terminal; expired rows go when the terminal asks for a new one. Working keys and sign-on state are in
-- terminal_key already (V3_19).
CREATE TABLE card_challenge (
    terminal_id CHAR(12) NOT NULL,
    challenge CHAR(16) NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    PRIMARY KEY (terminal_id, challenge)
);
