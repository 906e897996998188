-- Issue 23: a load's row is written with one index fewer. The unique constraint load_card_counter (asn, live_seq)
-- of V3_20 is backed by an index that leads with the card, so the reads of a card's loads (the counter a new load
-- must find free, a card's loads for the card centre) use it; load_card (asn, online_seq) only duplicated that
-- prefix, at the price of one more B-tree insert per authorisation.
DROP INDEX load_card;
