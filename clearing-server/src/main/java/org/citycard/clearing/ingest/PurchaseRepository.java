package org.citycard.clearing.ingest;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.citycard.dictionary.record.OfflineRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The accepted purchases (the purchase sub-ledger). */
@Repository
public class PurchaseRepository {
    private final JdbcTemplate jdbc;

    public PurchaseRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(List<AcceptedPurchase> purchases, long journalId, String businessDate, Instant now) {
        if (purchases.isEmpty()) {
            return;
        }
        Timestamp ts = Timestamp.from(now);
        jdbc.batchUpdate(
                "INSERT INTO purchase (id, asn, offline_seq, record_type, balance_before, amount, fee, terminal_id,"
                        + " ttsn, transaction_date, transaction_time, tac, key_version, algorithm_id, department_code, payee_reference,"
                        + " chain_online_seq, business_date, batch_terminal, batch_number, journal_id, received_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                purchases,
                purchases.size(),
                (ps, p) -> {
                    OfflineRecord r = p.record();
                    ps.setLong(1, p.id());
                    ps.setString(2, r.asn());
                    ps.setInt(3, r.offlineSeq());
                    ps.setString(4, r.recordType());
                    ps.setLong(5, r.balanceBefore());
                    ps.setLong(6, r.amount());
                    ps.setLong(7, p.fee());
                    ps.setString(8, r.terminalId());
                    ps.setLong(9, r.ttsn());
                    ps.setString(10, r.transactionDate());
                    ps.setString(11, r.transactionTime());
                    ps.setString(12, r.tac());
                    ps.setShort(13, (short) r.keyVersion());
                    ps.setShort(14, (short) r.algorithmId());
                    ps.setString(15, r.departmentCode());
                    ps.setString(16, r.payeeReference());
                    ps.setInt(17, p.chainOnlineSeq());
                    ps.setString(18, businessDate);
                    ps.setString(19, p.batchTerminal());
                    ps.setString(20, p.batchNumber());
                    ps.setLong(21, journalId);
                    ps.setTimestamp(22, ts);
                });
    }

    public Optional<StoredPurchase> byCardSeq(String asn, int offlineSeq) {
        return jdbc
                .query(
                        "SELECT * FROM purchase WHERE asn = ? AND offline_seq = ?",
                        PurchaseRepository::stored,
                        asn,
                        offlineSeq)
                .stream()
                .findFirst();
    }

    public Optional<StoredPurchase> byTerminalTtsn(String terminalId, long ttsn) {
        return jdbc
                .query(
                        "SELECT * FROM purchase WHERE terminal_id = ? AND ttsn = ?",
                        PurchaseRepository::stored,
                        terminalId,
                        ttsn)
                .stream()
                .findFirst();
    }

    /** The TTSNs of a terminal already accepted within [from, to]: one query for a whole batch. */
    public Set<Long> ttsnsBetween(String terminalId, long from, long to) {
        return new HashSet<>(jdbc.queryForList(
                "SELECT ttsn FROM purchase WHERE terminal_id = ? AND ttsn BETWEEN ? AND ?",
                Long.class,
                terminalId,
                from,
                to));
    }

    private static StoredPurchase stored(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new StoredPurchase(
                rs.getLong("id"),
                rs.getString("asn"),
                rs.getInt("offline_seq"),
                rs.getString("terminal_id"),
                rs.getLong("ttsn"),
                rs.getLong("amount"),
                rs.getLong("balance_before"),
                rs.getString("transaction_date"),
                rs.getString("transaction_time"),
                rs.getString("tac"));
    }
}
