package org.citycard.clearing.load;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.citycard.clearing.ledger.MultiRowInsert;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Loads by their two keys (V3_20): (terminal, STAN, local date) — a terminal's STAN wraps at 999999, its date tells
 * the loads under one STAN apart — and (card, online counter) among the loads the card may take or took ({@code
 * live_seq}: the counter of an AUTHORISED or COMPLETED load, null for a declined or reversed one).
 */
@Repository
public class LoadRepository {
    private final JdbcTemplate jdbc;

    public LoadRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The load of a terminal's STAN on its local date (YYYYMMDD, field 13 of the 0100 and of its 0220). */
    public Optional<LoadTxn> find(String terminalId, String stan, String localDate) {
        return jdbc
                .query(
                        "SELECT * FROM load_txn WHERE terminal_id = ? AND stan = ? AND local_date = ?",
                        LoadRepository::row,
                        terminalId,
                        stan,
                        localDate)
                .stream()
                .findFirst();
    }

    /** The latest load of a terminal's STAN on a local date given as MMDD (field 90 of a 0400). */
    public Optional<LoadTxn> findByMonthDay(String terminalId, String stan, String mmdd) {
        return jdbc
                .query(
                        "SELECT * FROM load_txn WHERE terminal_id = ? AND stan = ? AND SUBSTR(local_date, 5, 4) = ?"
                                + " ORDER BY local_date DESC",
                        LoadRepository::row,
                        terminalId,
                        stan,
                        mmdd)
                .stream()
                .findFirst();
    }

    /**
     * What stands in the way of a new load of the card on online counter {@code onlineSeq}: the load that holds that
     * counter (authorised and not reversed, or completed), or a completed load on a later counter (the card's answer
     * is older than its last load). Empty when the counter is free.
     */
    public Optional<LoadTxn> holding(String asn, int onlineSeq) {
        return jdbc
                .query(
                        "SELECT * FROM load_txn WHERE asn = ? AND (live_seq = ? OR (status = ? AND online_seq > ?))",
                        LoadRepository::row,
                        asn,
                        onlineSeq,
                        LoadTxn.COMPLETED,
                        onlineSeq)
                .stream()
                .findFirst();
    }

    public List<LoadTxn> byCard(String asn, int limit) {
        return jdbc.query(
                "SELECT * FROM load_txn WHERE asn = ? ORDER BY created_at DESC FETCH FIRST " + limit + " ROWS ONLY",
                LoadRepository::row,
                asn);
    }

    public List<LoadTxn> byDay(String businessDate, String departmentCode, int offset, int limit) {
        String dept = departmentCode == null ? "" : " AND department_code = ?";
        Object[] args = departmentCode == null
                ? new Object[] {businessDate, offset, limit}
                : new Object[] {businessDate, departmentCode, offset, limit};
        return jdbc.query(
                "SELECT * FROM load_txn WHERE business_date = ?" + dept
                        + " ORDER BY created_at OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                LoadRepository::row,
                args);
    }

    public void insert(LoadTxn t, long authJournal, Instant now) {
        insertAll(List.of(t), List.of(authJournal), List.of(now));
    }

    private static final MultiRowInsert LOADS = new MultiRowInsert(
            "INSERT INTO load_txn (terminal_id, stan, request_digest, asn, processing_code, amount, balance_before,"
                    + " online_seq, key_version, algorithm_id, card_random, local_date, local_time, department_code,"
                    + " host_date, host_time, rrn, auth_code, mac2, response_code, status, tac, business_date,"
                    + " auth_journal_id, created_at, live_seq) VALUES ",
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

    /**
     * Loads with their authorisation journals (0: none, a declined load) and creation instants, with multi-row
     * statements ({@link MultiRowInsert}: a group commit's loads in one or a few executions).
     */
    public void insertAll(List<LoadTxn> txns, List<Long> authJournals, List<Instant> createdAt) {
        if (txns.isEmpty()) {
            return;
        }
        LOADS.insert(jdbc, txns.size(), (ps, c, i) -> {
            LoadTxn t = txns.get(i);
            long authJournal = authJournals.get(i);
            ps.setString(c, t.terminalId());
            ps.setString(c + 1, t.stan());
            ps.setString(c + 2, t.requestDigest());
            ps.setString(c + 3, t.asn());
            ps.setString(c + 4, t.processingCode());
            ps.setLong(c + 5, t.amount());
            ps.setLong(c + 6, t.balanceBefore());
            ps.setInt(c + 7, t.onlineSeq());
            ps.setShort(c + 8, (short) t.keyVersion());
            ps.setShort(c + 9, (short) t.algorithmId());
            ps.setString(c + 10, t.cardRandom());
            ps.setString(c + 11, t.localDate());
            ps.setString(c + 12, t.localTime());
            ps.setString(c + 13, t.departmentCode());
            setString(ps, c + 14, t.hostDate());
            setString(ps, c + 15, t.hostTime());
            setString(ps, c + 16, t.rrn());
            setString(ps, c + 17, t.authCode());
            setString(ps, c + 18, t.mac2());
            ps.setString(c + 19, t.responseCode());
            ps.setString(c + 20, t.status());
            setString(ps, c + 21, t.tac());
            ps.setString(c + 22, t.businessDate());
            if (authJournal == 0) {
                ps.setNull(c + 23, java.sql.Types.BIGINT);
            } else {
                ps.setLong(c + 23, authJournal);
            }
            ps.setTimestamp(c + 24, Timestamp.from(createdAt.get(i)));
            // an approved load holds its card's online counter; a declined one leaves it free
            if (LoadTxn.AUTHORISED.equals(t.status())) {
                ps.setInt(c + 25, t.onlineSeq());
            } else {
                ps.setNull(c + 25, java.sql.Types.INTEGER);
            }
        });
    }

    /** A nullable CHAR column, typed when null (a multi-row VALUES list on PostgreSQL needs the type). */
    private static void setString(java.sql.PreparedStatement ps, int index, String value) throws java.sql.SQLException {
        if (value == null) {
            ps.setNull(index, java.sql.Types.CHAR);
        } else {
            ps.setString(index, value);
        }
    }

    /**
     * Marks an authorised load completed with its TAC; false when it is no longer AUTHORISED (completed or reversed
     * meanwhile), and then nothing changed: a load is completed once.
     */
    public boolean completed(LoadTxn t, String tac, Instant now) {
        return jdbc.update(
                        "UPDATE load_txn SET status = ?, tac = ?, completed_at = ?"
                                + " WHERE terminal_id = ? AND stan = ? AND local_date = ? AND status = ?",
                        LoadTxn.COMPLETED,
                        tac,
                        Timestamp.from(now),
                        t.terminalId(),
                        t.stan(),
                        t.localDate(),
                        LoadTxn.AUTHORISED)
                == 1;
    }

    /** The journal that credited the card for a completed load. */
    public void completionJournal(LoadTxn t, long journal) {
        jdbc.update(
                "UPDATE load_txn SET completion_journal_id = ? WHERE terminal_id = ? AND stan = ? AND local_date = ?",
                journal,
                t.terminalId(),
                t.stan(),
                t.localDate());
    }

    /**
     * Marks an authorised load reversed, freeing its card's online counter (the card never took it); false when it
     * is no longer AUTHORISED, and then nothing changed.
     */
    public boolean reversed(LoadTxn t, Instant now) {
        return jdbc.update(
                        "UPDATE load_txn SET status = ?, live_seq = NULL, completed_at = ?"
                                + " WHERE terminal_id = ? AND stan = ? AND local_date = ? AND status = ?",
                        LoadTxn.REVERSED,
                        Timestamp.from(now),
                        t.terminalId(),
                        t.stan(),
                        t.localDate(),
                        LoadTxn.AUTHORISED)
                == 1;
    }

    /** The journal that returned a reversed load's money. */
    public void reversalJournal(LoadTxn t, long journal) {
        jdbc.update(
                "UPDATE load_txn SET reversal_journal_id = ? WHERE terminal_id = ? AND stan = ? AND local_date = ?",
                journal,
                t.terminalId(),
                t.stan(),
                t.localDate());
    }

    private static LoadTxn row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new LoadTxn(
                rs.getString("terminal_id"),
                rs.getString("stan"),
                rs.getString("request_digest"),
                rs.getString("asn"),
                rs.getString("processing_code"),
                rs.getLong("amount"),
                rs.getLong("balance_before"),
                rs.getInt("online_seq"),
                rs.getInt("key_version"),
                rs.getInt("algorithm_id"),
                rs.getString("card_random"),
                rs.getString("local_date"),
                rs.getString("local_time"),
                rs.getString("department_code"),
                rs.getString("host_date"),
                rs.getString("host_time"),
                rs.getString("rrn"),
                rs.getString("auth_code"),
                rs.getString("mac2"),
                rs.getString("response_code"),
                rs.getString("status"),
                rs.getString("tac"),
                rs.getString("business_date"));
    }
}
