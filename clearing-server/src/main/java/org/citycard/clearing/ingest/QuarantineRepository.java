package org.citycard.clearing.ingest;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.citycard.dictionary.codec.Hex;
import org.citycard.dictionary.record.OfflineRecord;
import org.citycard.dictionary.wire.QuarantineReason;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The quarantine: what was kept out of the ledger, why, and whether it was released later. */
@Repository
public class QuarantineRepository {
    private final JdbcTemplate jdbc;

    public QuarantineRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(List<QuarantineEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(
                "INSERT INTO quarantine (id, source, reason, status, detail, asn, offline_seq, terminal_id, ttsn, amount,"
                        + " transaction_date, transaction_time, raw_data, batch_terminal, batch_number, business_date, received_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                entries,
                entries.size(),
                (ps, e) -> {
                    ps.setLong(1, e.id());
                    ps.setString(2, e.source());
                    ps.setString(3, e.reason().code());
                    ps.setString(4, e.status());
                    ps.setString(5, e.detail());
                    ps.setString(6, e.asn());
                    setInt(ps, 7, e.offlineSeq());
                    ps.setString(8, e.terminalId());
                    setLong(ps, 9, e.ttsn());
                    setLong(ps, 10, e.amount());
                    ps.setString(11, e.txnDate());
                    ps.setString(12, e.txnTime());
                    ps.setString(13, e.rawData());
                    ps.setString(14, e.batchTerminal());
                    ps.setString(15, e.batchNumber());
                    ps.setString(16, e.businessDate());
                    ps.setTimestamp(17, Timestamp.from(e.receivedAt()));
                });
    }

    /** The held records of a card, lowest offline counter first. */
    public List<QuarantineEntry> held(String asn) {
        return jdbc.query(
                "SELECT * FROM quarantine WHERE asn = ? AND status = ? ORDER BY offline_seq, id",
                QuarantineRepository::entry,
                asn,
                QuarantineEntry.HELD);
    }

    public void release(long id, long purchaseId) {
        jdbc.update(
                "UPDATE quarantine SET status = ?, released_purchase_id = ? WHERE id = ?",
                QuarantineEntry.RELEASED,
                purchaseId,
                id);
    }

    /** A held record whose counter was taken by another record can never fit: it stays for staff. */
    public void close(long id, String detail) {
        jdbc.update(
                "UPDATE quarantine SET status = ?, detail = ? WHERE id = ?",
                QuarantineEntry.QUARANTINED,
                detail.length() > 200 ? detail.substring(0, 200) : detail,
                id);
    }

    /** A held record found a different obstacle on a later look (a gap became a chain break, a hotlisting). */
    public void reclassify(long id, QuarantineReason reason, String detail) {
        jdbc.update(
                "UPDATE quarantine SET reason = ?, detail = ? WHERE id = ?",
                reason.code(),
                detail.length() > 200 ? detail.substring(0, 200) : detail,
                id);
    }

    /** Entries matching the filters (any may be null), newest first. */
    public List<QuarantineEntry> find(
            String businessDate, String reason, String status, String asn, String terminalId, int offset, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM quarantine WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        filter(sql, args, "business_date", businessDate);
        filter(sql, args, "reason", reason);
        filter(sql, args, "status", status);
        filter(sql, args, "asn", asn);
        filter(sql, args, "terminal_id", terminalId);
        sql.append(" ORDER BY id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY");
        args.add(offset);
        args.add(limit);
        return jdbc.query(sql.toString(), QuarantineRepository::entry, args.toArray());
    }

    private static void filter(StringBuilder sql, List<Object> args, String column, String value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            args.add(value);
        }
    }

    static QuarantineEntry entry(java.sql.ResultSet rs, int i) throws SQLException {
        return new QuarantineEntry(
                rs.getLong("id"),
                rs.getString("source"),
                QuarantineReason.of(rs.getString("reason")).orElseThrow(),
                rs.getString("status"),
                rs.getString("detail"),
                rs.getString("asn"),
                rs.getObject("offline_seq") == null ? null : rs.getInt("offline_seq"),
                rs.getString("terminal_id"),
                rs.getObject("ttsn") == null ? null : rs.getLong("ttsn"),
                rs.getObject("amount") == null ? null : rs.getLong("amount"),
                rs.getString("transaction_date"),
                rs.getString("transaction_time"),
                rs.getString("raw_data"),
                rs.getString("batch_terminal"),
                rs.getString("batch_number"),
                rs.getString("business_date"),
                rs.getTimestamp("received_at").toInstant(),
                rs.getObject("released_purchase_id") == null ? null : rs.getLong("released_purchase_id"));
    }

    /** The record of a held entry, decoded again from its stored bytes. */
    static OfflineRecord recordOf(QuarantineEntry e) {
        return OfflineRecord.decode(Hex.parse("raw_data", e.rawData()));
    }

    private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, v);
        }
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }
}
