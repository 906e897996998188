package org.citycard.clearing.ingest;

import java.sql.PreparedStatement;
import java.sql.SQLException;
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
    /** PostgreSQL: a batch's purchases as one statement of arrays. */
    private final boolean multiRow;

    public PurchaseRepository(JdbcTemplate jdbc, org.citycard.clearing.support.DatabaseKind database) {
        this.jdbc = jdbc;
        this.multiRow = database.shared();
    }

    /**
     * Stores a batch's accepted purchases. On PostgreSQL as one statement whatever the batch's size: {@code INSERT …
     * SELECT … FROM unnest(…)} of one array per column (the batch's constant columns as plain parameters), so a batch
     * costs one round trip, one statement shape the server plans once per connection, and no 1,472-parameter VALUES
     * list to parse; on Derby, embedded, where a multi-row VALUES measured no faster than a batch (the per-row work is
     * the index maintenance), as one JDBC batch.
     */
    public void insert(List<AcceptedPurchase> purchases, long journalId, String businessDate, Instant now) {
        if (purchases.isEmpty()) {
            return;
        }
        Timestamp ts = Timestamp.from(now);
        if (multiRow) {
            jdbc.update(UNNEST_INSERT, ps -> bindColumns(ps, purchases, journalId, businessDate, ts));
            return;
        }
        // Derby: one calendar (the default zone, as without one) for the batch's timestamps, instead of the new
        // GregorianCalendar Derby builds at every setTimestamp
        java.util.Calendar calendar = new java.util.GregorianCalendar();
        jdbc.batchUpdate(
                INSERT, purchases, purchases.size(), (ps, p) -> bind(ps, 0, p, journalId, businessDate, ts, calendar));
    }

    /**
     * PostgreSQL: the purchases column by column, one array each (the order of {@link #UNNEST_INSERT}); business
     * date, journal and time received are the batch's own.
     */
    private static void bindColumns(
            PreparedStatement ps, List<AcceptedPurchase> purchases, long journalId, String businessDate, Timestamp ts)
            throws SQLException {
        int n = purchases.size();
        Long[] id = new Long[n];
        String[] asn = new String[n];
        Integer[] offlineSeq = new Integer[n];
        String[] recordType = new String[n];
        Long[] balanceBefore = new Long[n];
        Long[] amount = new Long[n];
        Long[] fee = new Long[n];
        String[] terminal = new String[n];
        Long[] ttsn = new Long[n];
        String[] date = new String[n];
        String[] time = new String[n];
        String[] tac = new String[n];
        Short[] keyVersion = new Short[n];
        Short[] algorithm = new Short[n];
        String[] department = new String[n];
        String[] payee = new String[n];
        Integer[] chainOnlineSeq = new Integer[n];
        String[] batchTerminal = new String[n];
        String[] batchNumber = new String[n];
        Long[] previous = new Long[n];
        for (int i = 0; i < n; i++) {
            AcceptedPurchase p = purchases.get(i);
            OfflineRecord r = p.record();
            id[i] = p.id();
            asn[i] = r.asn();
            offlineSeq[i] = r.offlineSeq();
            recordType[i] = r.recordType();
            balanceBefore[i] = r.balanceBefore();
            amount[i] = r.amount();
            fee[i] = p.fee();
            terminal[i] = r.terminalId();
            ttsn[i] = r.ttsn();
            date[i] = r.transactionDate();
            time[i] = r.transactionTime();
            tac[i] = r.tac();
            keyVersion[i] = (short) r.keyVersion();
            algorithm[i] = (short) r.algorithmId();
            department[i] = r.departmentCode();
            payee[i] = r.payeeReference();
            chainOnlineSeq[i] = p.chainOnlineSeq();
            batchTerminal[i] = p.batchTerminal();
            batchNumber[i] = p.batchNumber();
            previous[i] = p.previousId() == 0 ? null : p.previousId(); // NULL: the card's first purchase
        }
        java.sql.Connection c = ps.getConnection();
        Object[][] columns = {
            id,
            asn,
            offlineSeq,
            recordType,
            balanceBefore,
            amount,
            fee,
            terminal,
            ttsn,
            date,
            time,
            tac,
            keyVersion,
            algorithm,
            department,
            payee,
            chainOnlineSeq,
            batchTerminal,
            batchNumber,
            previous
        };
        ps.setString(1, businessDate); // the constant columns come first in the statement's text
        ps.setLong(2, journalId);
        ps.setTimestamp(3, ts);
        for (int k = 0; k < columns.length; k++) {
            ps.setArray(k + 4, c.createArrayOf(UNNEST_TYPES[k], columns[k]));
        }
    }

    /** Element types of the arrays of {@link #UNNEST_INSERT}, in its order. */
    private static final String[] UNNEST_TYPES = {
        "int8", "bpchar", "int4", "bpchar", "int8", "int8", "int8", "bpchar", "int8", "bpchar", "bpchar", "bpchar",
        "int2", "int2", "bpchar", "varchar", "int4", "bpchar", "bpchar", "int8"
    };

    /** PostgreSQL: a whole batch of purchases in one statement, one array parameter per varying column. */
    static final String UNNEST_INSERT = "INSERT INTO purchase (id, asn, offline_seq, record_type, balance_before,"
            + " amount, fee, terminal_id, ttsn, transaction_date, transaction_time, tac, key_version, algorithm_id,"
            + " department_code, payee_reference, chain_online_seq, batch_terminal, batch_number, prev_purchase_id,"
            + " business_date, journal_id, received_at) SELECT u.*, CAST(? AS CHAR(8)), CAST(? AS BIGINT),"
            + " CAST(? AS TIMESTAMP) FROM unnest(CAST(? AS BIGINT[]), CAST(? AS CHAR(20)[]), CAST(? AS INTEGER[]),"
            + " CAST(? AS CHAR(2)[]), CAST(? AS BIGINT[]), CAST(? AS BIGINT[]), CAST(? AS BIGINT[]),"
            + " CAST(? AS CHAR(12)[]), CAST(? AS BIGINT[]), CAST(? AS CHAR(8)[]), CAST(? AS CHAR(6)[]),"
            + " CAST(? AS CHAR(8)[]), CAST(? AS SMALLINT[]), CAST(? AS SMALLINT[]), CAST(? AS CHAR(4)[]),"
            + " CAST(? AS VARCHAR(20)[]), CAST(? AS INTEGER[]), CAST(? AS CHAR(12)[]), CAST(? AS CHAR(6)[]),"
            + " CAST(? AS BIGINT[])) AS u";

    static final int COLUMNS = 23;
    private static final String COLUMN_LIST = "id, asn, offline_seq, record_type, balance_before, amount, fee,"
            + " terminal_id, ttsn, transaction_date, transaction_time, tac, key_version, algorithm_id, department_code,"
            + " payee_reference, chain_online_seq, business_date, batch_terminal, batch_number, journal_id, received_at,"
            + " prev_purchase_id";
    private static final String ROW = "(" + String.join(", ", java.util.Collections.nCopies(COLUMNS, "?")) + ")";
    private static final String INSERT = "INSERT INTO purchase (" + COLUMN_LIST + ") VALUES " + ROW;

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
