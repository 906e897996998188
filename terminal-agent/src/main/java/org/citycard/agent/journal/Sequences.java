package org.citycard.agent.journal;

import java.sql.SQLException;

/** The durable counters the agent hands out: STAN, the block sequence, and the last batch number given. */
final class Sequences {
    private final JournalConnection c;

    Sequences(JournalConnection c) {
        this.c = c;
    }

    /** The next STAN (1..999999), durable: never reused after a restart. */
    int nextStan() {
        try {
            int stan = (int) Counters.next(c.conn, "stan", 999_999);
            c.conn.commit();
            return stan;
        } catch (SQLException e) {
            c.rollbackQuietly();
            throw c.fail("allocate a STAN", e);
        }
    }

    /** A terminal sequence for events that have no PSAM TTSN (hotlist blocks): 80000001 upwards. */
    long nextBlockSequence() {
        try {
            long n = Counters.next(c.conn, "block_seq", 0x7FFF_FFFFL);
            c.conn.commit();
            return 0x8000_0000L | n;
        } catch (SQLException e) {
            c.rollbackQuietly();
            throw c.fail("allocate a block sequence", e);
        }
    }

    /** The last batch number assigned, 0 before the first. */
    int lastBatchNumber() {
        try {
            long v = Counters.current(c.conn, "batch_no");
            c.conn.commit();
            return (int) v;
        } catch (SQLException e) {
            throw c.fail("read the last batch number", e);
        }
    }
}
