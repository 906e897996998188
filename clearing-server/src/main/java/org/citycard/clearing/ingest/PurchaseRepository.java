package org.citycard.clearing.ingest;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.citycard.dictionary.record.OfflineRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The accepted purchases (the purchase sub-ledger). */
@Repository
public class PurchaseRepository {
    private final JdbcTemplate jdbc;
    /** PostgreSQL: a batch's purchases as multi-row statements. */
    private final boolean multiRow;

    public PurchaseRepository(JdbcTemplate jdbc, org.citycard.clearing.support.DatabaseKind database) {
        this.jdbc = jdbc;
        this.multiRow = database.shared();
    }

    /**
     * Stores a batch's accepted purchases. On PostgreSQL as multi-row INSERTs (chunks of {@link #CHUNKS} rows, so a
     * few statement shapes serve every batch size): one statement, one plan execution and one round trip for up to 64
     * rows instead of one each; on Derby, embedded, where a multi-row VALUES measured no faster than a batch (the
     * per-row work is the index maintenance), as one JDBC batch.
     */
    public void insert(List<AcceptedPurchase> purchases, long journalId, String businessDate, Instant now) {
        if (purchases.isEmpty()) {
            return;
        }
        Timestamp ts = Timestamp.from(now);
        // Derby: one calendar (the default zone, as without one) for the batch's timestamps, instead of the new
        // GregorianCalendar Derby builds at every setTimestamp
        java.util.Calendar calendar = multiRow ? null : new java.util.GregorianCalendar();
        if (multiRow) {
            int from = 0;
            while (from < purchases.size()) {
                int left = purchases.size() - from;
                int n = CHUNKS[0];
                for (int c : CHUNKS) {
                    if (c <= left) {
                        n = c;
                        break;
                    }
                }
                List<AcceptedPurchase> chunk = purchases.subList(from, from + n);
                jdbc.update(multiRowSql(n), ps -> {
                    for (int i = 0; i < chunk.size(); i++) {
                        bind(ps, i * COLUMNS, chunk.get(i), journalId, businessDate, ts, calendar);
                    }
                });
                from += n;
            }
            return;
        }
        jdbc.batchUpdate(
                INSERT, purchases, purchases.size(), (ps, p) -> bind(ps, 0, p, journalId, businessDate, ts, calendar));
    }

    /** Row counts of the multi-row statements, largest first (ending with 1, so every count decomposes). */
    static final int[] CHUNKS = {64, 16, 4, 1};

    static final int COLUMNS = 23;
    private static final String COLUMN_LIST = "id, asn, offline_seq, record_type, balance_before, amount, fee,"
            + " terminal_id, ttsn, transaction_date, transaction_time, tac, key_version, algorithm_id, department_code,"
            + " payee_reference, chain_online_seq, business_date, batch_terminal, batch_number, journal_id, received_at,"
            + " prev_purchase_id";
    private static final String ROW = "(" + String.join(", ", java.util.Collections.nCopies(COLUMNS, "?")) + ")";
    private static final String INSERT = "INSERT INTO purchase (" + COLUMN_LIST + ") VALUES " + ROW;
    private static final Map<Integer, String> MULTI_ROW = new java.util.concurrent.ConcurrentHashMap<>();

    static String multiRowSql(int rows) {
        return MULTI_ROW.computeIfAbsent(
                rows,
                n -> "INSERT INTO purchase (" + COLUMN_LIST + ") VALUES "
                        + String.join(", ", java.util.Collections.nCopies(n, ROW)));
    }

    private static void bind(
            PreparedStatement ps,
            int at,
            AcceptedPurchase p,
            long journalId,
            String businessDate,
            Timestamp ts,
            java.util.Calendar calendar)
            throws SQLException {
        OfflineRecord r = p.record();
        ps.setLong(at + 1, p.id());
        ps.setString(at + 2, r.asn());
        ps.setInt(at + 3, r.offlineSeq());
        ps.setString(at + 4, r.recordType());
        ps.setLong(at + 5, r.balanceBefore());
        ps.setLong(at + 6, r.amount());
        ps.setLong(at + 7, p.fee());
        ps.setString(at + 8, r.terminalId());
        ps.setLong(at + 9, r.ttsn());
        ps.setString(at + 10, r.transactionDate());
        ps.setString(at + 11, r.transactionTime());
        ps.setString(at + 12, r.tac());
        ps.setShort(at + 13, (short) r.keyVersion());
        ps.setShort(at + 14, (short) r.algorithmId());
        ps.setString(at + 15, r.departmentCode());
        ps.setString(at + 16, r.payeeReference());
        ps.setInt(at + 17, p.chainOnlineSeq());
        ps.setString(at + 18, businessDate);
        ps.setString(at + 19, p.batchTerminal());
        ps.setString(at + 20, p.batchNumber());
        ps.setLong(at + 21, journalId);
        if (calendar == null) {
            ps.setTimestamp(at + 22, ts);
        } else {
            ps.setTimestamp(at + 22, ts, calendar);
        }
        CardChainRepository.setId(ps, at + 23, p.previousId());
    }

    /**
     * Every purchase of a card, newest first, read along the card's chain: from its shadow account's last purchase
     * backwards, each row naming the one before it (migration V3_37) — one probe of the purchase key per purchase,
     * no card index on the ingest path. {@code mapper} sees each row.
     */
    public <T> List<T> ofCard(String asn, org.springframework.jdbc.core.RowMapper<T> mapper) {
        List<T> out = new java.util.ArrayList<>();
        List<Long> head = jdbc.query(
                "SELECT last_purchase_id FROM card_account WHERE asn = ? AND last_purchase_id IS NOT NULL",
                (rs, i) -> rs.getLong(1),
                asn);
        long[] next = {head.isEmpty() ? 0 : head.get(0)};
        while (next[0] != 0) {
            long id = next[0];
            next[0] = 0;
            jdbc.query(
                    "SELECT * FROM purchase WHERE id = ?",
                    rs -> {
                        if (!asn.strip().equals(rs.getString("asn").strip())) {
                            throw new IllegalStateException("purchase " + id + " in the chain of card " + asn
                                    + " belongs to card " + rs.getString("asn"));
                        }
                        out.add(mapper.mapRow(rs, out.size()));
                        next[0] = rs.getLong("prev_purchase_id"); // NULL: the card's first purchase
                    },
                    id);
        }
        return out;
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
