-- What kind of terminal each one is (DESIGN §3.8): a code of the dictionary's terminal-type table (01 counter,
-- 02 self-service load machine, 03 kiosk, 04 department terminal), which says what the terminal may send.
-- Registration always gives the type (the server checks it against the table); the column's default only fills
-- the terminals registered before the type existed:
--   terminals of the card service centre (department category 99) and of government counters (09) become
--   counters, whose rights are everything any terminal could do before, so none of them stops working;
--   terminals of every other department (transit, water, hospital, …) become department terminals: they upload
--   their offline purchases and reconcile as before, and lose only what they never did (loads, social-security
--   queries).
-- Kiosks registered before the type existed are counters until an administrator says what they are
-- (PUT /api/v1/terminals/{id} with "terminalType": "03").
ALTER TABLE terminal ADD COLUMN terminal_type CHAR(2) NOT NULL DEFAULT '01';

UPDATE terminal SET terminal_type = '04'
    WHERE department_code IN (SELECT code FROM department WHERE category NOT IN ('09', '99'));
