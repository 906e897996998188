package org.citycard.agent.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.citycard.dictionary.codec.Hex;
import org.citycard.dictionary.record.OfflineRecord;

/**
 * The journal's one connection and the JDBC plumbing every part of it shares: short statements that commit
 * before they return, the offline-record row, and failures turned into {@link JournalException}s that say what
 * the journal could not do. The callers hold the journal's lock.
 */
final class JournalConnection {
    static final String COLS = "id, record_type, state, asn, offline_seq, terminal_id, ttsn, amount, balance_before,"
            + " transaction_date, transaction_time, tac, key_version, algorithm, department, payee, batch_no, result, record_data";

    final Connection conn;

    /**
     * The statements of the tap's path, prepared once on this connection (closed with it): preparing one costs more
     * than running it.
     */
    private final java.util.Map<String, PreparedStatement> prepared = new java.util.HashMap<>();

    /** Called after every rollback: what the journal keeps in memory is read again from the database. */
    private Runnable afterRollback = () -> {};

    JournalConnection(Connection conn) {
        this.conn = conn;
    }

    void afterRollback(Runnable r) {
        this.afterRollback = () -> {
            reconciliationDates = null;
            r.run();
        };
    }

    /**
     * The business dates the reconciliation table holds (few: one a day at most), read once and kept with this
     * journal's writes of it, so a completion deletes its date's reconciliation only when there is one. Null until
     * read.
     */
    private java.util.Set<String> reconciliationDates;

    /** Forgets the reconciliation dates kept (a write of the table other than a completion's). */
    void reconciliationsChanged() {
        reconciliationDates = null;
    }

    private boolean reconciliationHeld(String date) throws SQLException {
        if (reconciliationDates == null) {
            java.util.Set<String> dates = new java.util.HashSet<>();
            try (ResultSet rs =
                    prepared("SELECT business_date FROM reconciliation").executeQuery()) {
                while (rs.next()) {
                    dates.add(rs.getString(1));
                }
            }
            reconciliationDates = dates;
        }
        return reconciliationDates.contains(date);
    }

    /** A statement prepared once on this connection; never close it (the connection does). */
    PreparedStatement prepared(String sql) throws SQLException {
        PreparedStatement ps = prepared.get(sql);
        if (ps == null) {
            ps = conn.prepareStatement(sql);
            prepared.put(sql, ps);
        }
        return ps;
    }

    /** A statement prepared once that returns the generated key of its INSERT. */
    PreparedStatement preparedWithKeys(String sql) throws SQLException {
        PreparedStatement ps = prepared.get("keys:" + sql);
        if (ps == null) {
            ps = conn.prepareStatement(sql, java.sql.Statement.RETURN_GENERATED_KEYS);
            prepared.put("keys:" + sql, ps);
        }
        return ps;
    }

    static final String COMPLETE_SQL =
            "UPDATE offline_record SET state = 'COMPLETE', tac = ?, record_data = ? WHERE id = ? AND state = 'PENDING'";
    static final String RECONCILE_AGAIN_SQL = "DELETE FROM reconciliation WHERE business_date = ?";

    /** Writes a completion in the open transaction (not committed); true when the record was PENDING. */
    boolean writeCompletion(long id, String tac, String data, String date) throws SQLException {
        PreparedStatement ps = prepared(COMPLETE_SQL);
        ps.setString(1, tac);
        ps.setString(2, data);
        ps.setLong(3, id);
        if (ps.executeUpdate() != 1) {
            return false;
        }
        reconcileAgain(date);
        return true;
    }

    /** A new complete event on {@code date}: a reconciliation held for that date is deleted (to be made again). */
    void reconcileAgain(String date) throws SQLException {
        if (reconciliationHeld(date)) {
            PreparedStatement del = prepared(RECONCILE_AGAIN_SQL);
            del.setString(1, date);
            del.executeUpdate();
            reconciliationDates.remove(date);
        }
    }

    /** Commits the open transaction. */
    void commit() throws SQLException {
        conn.commit();
    }

    long[] sums(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    /** One BIGINT the query answers (a SUM, with COALESCE so no rows is 0). */
    long sum(String sql, Object... args) {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            bind(ps, args);
            long n;
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                n = rs.getLong(1);
            }
            conn.commit();
            return n;
        } catch (SQLException e) {
            throw fail("sum the journal's amounts", e);
        }
    }

    int count(String sql) {
        try (PreparedStatement ps = conn.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            int n = rs.getInt(1);
            conn.commit();
            return n;
        } catch (SQLException e) {
            throw fail("count", e);
        }
    }

    void update(String sql, Object... args) {
        try {
            update0(sql, args);
            conn.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw fail("update the journal", e);
        }
    }

    void update0(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            bind(ps, args);
            ps.executeUpdate();
        }
    }

    List<JournalEntry> query(String sql, Object... args) {
        try {
            List<JournalEntry> out = query0(sql, args);
            conn.commit();
            return out;
        } catch (SQLException e) {
            throw fail("read the journal", e);
        }
    }

    List<JournalEntry> query0(String sql, Object[] args) throws SQLException {
        List<JournalEntry> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int batch = rs.getInt(17);
                    Integer batchNo = rs.wasNull() ? null : batch;
                    String data = rs.getString(19);
                    // a complete event is the bytes journaled when the card proved it; a pending one its fields
                    OfflineRecord record = data != null
                            ? OfflineRecord.decode(Hex.parse("record_data", data))
                            : OfflineRecord.of(
                                    rs.getString(2),
                                    rs.getString(4),
                                    rs.getInt(5),
                                    rs.getLong(9),
                                    rs.getLong(8),
                                    rs.getString(6),
                                    rs.getLong(7),
                                    rs.getString(10),
                                    rs.getString(11),
                                    rs.getString(12),
                                    rs.getInt(13),
                                    rs.getInt(14),
                                    rs.getString(15),
                                    rs.getString(16));
                    out.add(new JournalEntry(
                            rs.getLong(1),
                            JournalEntry.State.valueOf(rs.getString(3)),
                            record,
                            batchNo,
                            rs.getString(18)));
                }
            }
        }
        return out;
    }

    static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }

    /**
     * Rolls the open transaction back (it holds no completion a card proved: those are in the tap log until folded).
     * What the journal keeps in memory is read again from the database afterwards.
     */
    void rollbackQuietly() {
        try {
            conn.rollback();
        } catch (SQLException ignored) {
            // the failure being reported matters more
        }
        afterRollback.run();
    }

    JournalException fail(String what, SQLException e) {
        rollbackQuietly();
        return new JournalException("the journal could not " + what + ": " + e.getMessage(), e);
    }
}
