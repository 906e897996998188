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

    JournalConnection(Connection conn) {
        this.conn = conn;
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

    void rollbackQuietly() {
        try {
            conn.rollback();
        } catch (SQLException ignored) {
            // the failure being reported matters more
        }
    }

    JournalException fail(String what, SQLException e) {
        rollbackQuietly();
        return new JournalException("the journal could not " + what + ": " + e.getMessage(), e);
    }
}
