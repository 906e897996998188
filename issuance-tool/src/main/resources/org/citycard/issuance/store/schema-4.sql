-- Issuance tool database, version 4 (issue 16): each production batch has the algorithm of its cards' keys
-- (algorithm_id: 00 3DES, 04 SM4), chosen when the batch is made; batches made before are 3DES.
ALTER TABLE production_batch ADD COLUMN algorithm CHAR(2) NOT NULL DEFAULT '00';
