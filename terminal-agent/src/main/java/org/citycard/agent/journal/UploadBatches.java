package org.citycard.agent.journal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.citycard.dictionary.wire.ResponseCode;

/**
 * Upload batches: complete records assigned durably and once to a batch number, re-sent unchanged until the
 * server answers, the per-record answers kept, a refused number replaced by a fresh one.
 */
final class UploadBatches {
    private final JournalConnection c;

    UploadBatches(JournalConnection c) {
        this.c = c;
    }

    /** Batches assigned and not yet answered, oldest first: re-sent unchanged, same number, same records. */
    List<Integer> openBatches() {
        List<Integer> out = new ArrayList<>();
        try (PreparedStatement ps = c.conn.prepareStatement(
                        "SELECT batch_no FROM upload_batch WHERE state = 'SENT' ORDER BY batch_no");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getInt(1));
            }
            c.conn.commit();
            return out;
        } catch (SQLException e) {
            throw c.fail("list the open upload batches", e);
        }
    }

    List<JournalEntry> batchRecords(int batchNo) {
        return c.query(
                "SELECT " + JournalConnection.COLS + " FROM offline_record WHERE batch_no = ? ORDER BY id", batchNo);
    }

    /**
     * Assigns up to {@code max} complete, unassigned records to the next batch number, durably and once: a
     * record never changes batch afterwards, so a batch re-sent after a crash is the same batch.
     */
    OptionalInt assignBatch(int max) {
        try {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.conn.prepareStatement("SELECT id FROM offline_record WHERE state = 'COMPLETE'"
                    + " AND batch_no IS NULL ORDER BY id FETCH FIRST " + max + " ROWS ONLY")) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            if (ids.isEmpty()) {
                c.conn.commit();
                return OptionalInt.empty();
            }
            int batch = (int) (Counters.next(c.conn, "batch_no", 999_999));
            try (PreparedStatement ps = c.conn.prepareStatement(
                    "UPDATE offline_record SET batch_no = ? WHERE id = ? AND batch_no IS NULL")) {
                for (long id : ids) {
                    ps.setInt(1, batch);
                    ps.setLong(2, id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.conn.prepareStatement("INSERT INTO upload_batch (batch_no, state,"
                    + " record_count, created, sent_count) VALUES (?, 'SENT', ?, ?, 0)")) {
                ps.setInt(1, batch);
                ps.setInt(2, ids.size());
                ps.setTimestamp(3, new Timestamp(System.currentTimeMillis()));
                ps.executeUpdate();
            }
            c.conn.commit();
            return OptionalInt.of(batch);
        } catch (SQLException e) {
            c.rollbackQuietly();
            throw c.fail("assign an upload batch", e);
        }
    }

    /** Counts one more sending of a batch (for the journal listing). */
    void batchSent(int batchNo) {
        c.update("UPDATE upload_batch SET sent_count = sent_count + 1 WHERE batch_no = ?", batchNo);
    }

    /** The server stored the batch: keeps each record's result; the batch is closed for good. */
    void batchAnswered(int batchNo, List<String> results) {
        try {
            List<JournalEntry> records = c.query0(
                    "SELECT " + JournalConnection.COLS + " FROM offline_record WHERE batch_no = ? ORDER BY id",
                    new Object[] {batchNo});
            try (PreparedStatement ps = c.conn.prepareStatement("UPDATE offline_record SET result = ? WHERE id = ?")) {
                for (int i = 0; i < records.size(); i++) {
                    ps.setString(1, i < results.size() ? results.get(i) : ResponseCode.APPROVED.code());
                    ps.setLong(2, records.get(i).id());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.conn.prepareStatement(
                    "UPDATE upload_batch SET state = 'ANSWERED', answered = ? WHERE batch_no = ?")) {
                ps.setTimestamp(1, new Timestamp(System.currentTimeMillis()));
                ps.setInt(2, batchNo);
                ps.executeUpdate();
            }
            c.conn.commit();
        } catch (SQLException e) {
            c.rollbackQuietly();
            throw c.fail("record the answer to batch " + batchNo, e);
        }
    }

    /**
     * The host refused a batch number as used before with other content (a journal that restarted its numbering):
     * its records move to a fresh number, which the host has never seen. They were not stored under the old one.
     * Returns the new number.
     */
    int rebatch(int batchNo) {
        try {
            int fresh = (int) Counters.next(c.conn, "batch_no", 999_999);
            int n;
            try (PreparedStatement ps = c.conn.prepareStatement(
                    "UPDATE offline_record SET batch_no = ? WHERE batch_no = ? AND result IS NULL")) {
                ps.setInt(1, fresh);
                ps.setInt(2, batchNo);
                n = ps.executeUpdate();
            }
            c.update0(
                    "UPDATE upload_batch SET state = 'REFUSED', answered = ? WHERE batch_no = ?",
                    new Timestamp(System.currentTimeMillis()),
                    batchNo);
            c.update0(
                    "INSERT INTO upload_batch (batch_no, state, record_count, created, sent_count) VALUES (?, 'SENT',"
                            + " ?, ?, 0)",
                    fresh,
                    n,
                    new Timestamp(System.currentTimeMillis()));
            c.conn.commit();
            return fresh;
        } catch (SQLException e) {
            c.rollbackQuietly();
            throw c.fail("move batch " + batchNo + " to a new number", e);
        }
    }
}
