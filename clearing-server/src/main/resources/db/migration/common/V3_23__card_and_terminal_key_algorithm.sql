-- Algorithms (issue 16, CARD-SPEC §3 and §7): 3DES (algorithm 00) and SM4 (algorithm 04) cards and terminals live
-- side by side.
-- card.algorithm: the algorithm of the card's keys, fixed at personalisation and reported by issuance when it
-- registers the card (POST /api/v1/cards "algorithm", default 00). The server verifies MAC1, MAC2, TACs and the
-- INTERNAL AUTHENTICATE of a card with the keys of this algorithm, and refuses a record or load request that claims
-- another (an SM4 card's transaction presented as a 3DES one is not verified with the 3DES keys). Every card
-- registered before this migration is a 3DES card.
ALTER TABLE card ADD COLUMN algorithm CHAR(2) NOT NULL DEFAULT '00';

-- terminal_key.algorithm: the algorithm of the terminal's TMK (00 3DES or 04 SM4,
-- ./citycard server terminal-keys --alg); its sign-on key SOK and its working key TAK are of the same algorithm, and
-- so are the message MACs (SM4: the leftmost 8 bytes of the SM4 CBC-MAC). The keys stay encrypted under the LMK
-- (3DES-ECB(LMK, key), 16 bytes for either algorithm); their check values are of their own algorithm.
ALTER TABLE terminal_key ADD COLUMN algorithm CHAR(2) NOT NULL DEFAULT '00';
