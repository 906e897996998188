package org.citycard.agent.journal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.citycard.dictionary.codec.Hex;
import org.citycard.dictionary.record.OfflineRecord;
import org.citycard.dictionary.wire.ResponseCode;

/**
 * The durable journal of the agent: offline money events and their upload batches, online loads, counters,
 * the local hotlist and parameters. Every method that changes money state commits before it returns, so a
 * result shown after the call survives a kill at any later point.
 *
 * <p>All access goes through one connection under this object's lock: the tap loop and the uploader interleave
 * short transactions; network exchanges happen outside them.
 */
public final class Journal implements AutoCloseable {
    static final String COLS = "id, record_type, state, asn, seq, terminal_id, ttsn, amount, balance_before,"
            + " tx_date, tx_time, tac, key_version, algorithm, department, payee, batch_no, result, record_data";

    private final JournalDatabase db;
    final Connection conn;
    private final LoadJournal loads;
    private final LocalLists lists;

    private Journal(JournalDatabase db) {
        this.db = db;
        this.conn = db.connect();
        this.loads = new LoadJournal(this);
        this.lists = new LocalLists(this);
    }

    public static Journal open(Path dir) {
        return new Journal(JournalDatabase.open(dir));
    }

    public static Journal inMemory(String name) {
        return new Journal(JournalDatabase.inMemory(name));
    }

    public LoadJournal loads() {
        return loads;
    }

    public LocalLists lists() {
        return lists;
    }

    // ------------------------------------------------------------------ offline events

    /** Journals a purchase about to be sent to the card (state PENDING); returns its id. */
    public synchronized long beginOffline(OfflineRecord d) {
        return insert(d, JournalEntry.State.PENDING, null);
    }

    /** Journals an event that is complete as it happens (a hotlist block). */
    public synchronized long recordComplete(OfflineRecord d, String tacHex) {
        return insert(d, JournalEntry.State.COMPLETE, tacHex);
    }

    private long insert(OfflineRecord d, JournalEntry.State state, String tac) {
        String sql = "INSERT INTO offline_record (record_type, state, asn, seq, terminal_id, ttsn, amount,"
                + " balance_before, tx_date, tx_time, tac, key_version, algorithm, department, payee, created,"
                + " record_data) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
        try (PreparedStatement ps = conn.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, d.recordType());
            ps.setString(2, state.name());
            ps.setString(3, d.asn());
            ps.setInt(4, d.offlineSeq());
            ps.setString(5, d.terminalId());
            ps.setLong(6, d.ttsn());
            ps.setLong(7, d.amount());
            ps.setLong(8, d.balanceBefore());
            ps.setString(9, d.transactionDate());
            ps.setString(10, d.transactionTime());
            ps.setString(11, tac);
            ps.setInt(12, d.keyVersion());
            ps.setInt(13, d.algorithmId());
            ps.setString(14, d.departmentCode());
            ps.setString(15, d.payeeReference());
            ps.setTimestamp(16, new Timestamp(System.currentTimeMillis()));
            // a complete event keeps the record's bytes as they will be uploaded
            ps.setString(17, tac == null ? null : d.withTac(tac).rawHex());
            ps.executeUpdate();
            long id;
            try (ResultSet k = ps.getGeneratedKeys()) {
                k.next();
                id = k.getLong(1);
            }
            conn.commit();
            return id;
        } catch (SQLException e) {
            throw fail("journal the " + d.recordType() + " event of card " + mask(d.asn()), e);
        }
    }

    /** The card proved the event: its TAC is kept and the record may be uploaded. */
    public synchronized void complete(long id, String tacHex) {
        setState(id, JournalEntry.State.COMPLETE, tacHex);
    }

    /** The card proved the event did not happen (GET TRANSACTION PROVE 9406, or a refused debit). */
    public synchronized void voidRecord(long id) {
        setState(id, JournalEntry.State.VOID, null);
    }

    private void setState(long id, JournalEntry.State state, String tac) {
        try (PreparedStatement ps = conn.prepareStatement(
                "UPDATE offline_record SET state = ?, tac = ?, record_data = ? WHERE id = ? AND state = 'PENDING'")) {
            String data = null;
            if (tac != null) {
                List<JournalEntry> pending =
                        query0("SELECT " + COLS + " FROM offline_record WHERE id = ?", new Object[] {id});
                if (pending.isEmpty()) {
                    conn.rollback();
                    throw new JournalException("record " + id + " is not in the journal; it cannot become " + state);
                }
                data = pending.get(0).record().withTac(tac).rawHex();
            }
            ps.setString(1, state.name());
            ps.setString(2, tac);
            ps.setString(3, data);
            ps.setLong(4, id);
            if (ps.executeUpdate() != 1) {
                conn.rollback();
                throw new JournalException("record " + id + " is not pending; it cannot become " + state);
            }
            if (state == JournalEntry.State.COMPLETE) {
                update0(
                        "DELETE FROM reconciliation WHERE business_date ="
                                + " (SELECT tx_date FROM offline_record WHERE id = ?)",
                        id);
            }
            conn.commit();
        } catch (SQLException e) {
            throw fail("mark record " + id + " " + state, e);
        }
    }

    /** The events of this card whose answer was lost, oldest first: to be proven on this tap. */
    public synchronized List<JournalEntry> pendingFor(String asn) {
        return query("SELECT " + COLS + " FROM offline_record WHERE asn = ? AND state = 'PENDING' ORDER BY id", asn);
    }

    /** True when a record of this type exists for the card (any state). */
    public synchronized boolean hasRecord(String asn, String recordType) {
        return !query(
                        "SELECT " + COLS + " FROM offline_record WHERE asn = ? AND record_type = ?"
                                + " FETCH FIRST 1 ROWS ONLY",
                        asn,
                        recordType)
                .isEmpty();
    }

    public synchronized Optional<JournalEntry> find(long id) {
        List<JournalEntry> r = query("SELECT " + COLS + " FROM offline_record WHERE id = ?", id);
        return r.stream().findFirst();
    }

    /** The newest {@code limit} records, newest first. */
    public synchronized List<JournalEntry> latest(int limit) {
        return query("SELECT " + COLS + " FROM offline_record ORDER BY id DESC FETCH FIRST " + limit + " ROWS ONLY");
    }

    /** Every record, oldest first. */
    public synchronized List<JournalEntry> all() {
        return query("SELECT " + COLS + " FROM offline_record ORDER BY id");
    }

    /** The terminal IDs this journal has recorded money events for (records and loads), in order. */
    public synchronized List<String> terminals() {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT terminal_id FROM offline_record"
                        + " UNION SELECT terminal_id FROM load_event ORDER BY 1");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            conn.commit();
            return out;
        } catch (SQLException e) {
            throw fail("list the journal's terminals", e);
        }
    }

    // ------------------------------------------------------------------ upload batches

    /** Batches assigned and not yet answered, oldest first: re-sent unchanged, same number, same records. */
    public synchronized List<Integer> openBatches() {
        List<Integer> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(
                        "SELECT batch_no FROM upload_batch WHERE state = 'SENT' ORDER BY batch_no");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getInt(1));
            }
            conn.commit();
            return out;
        } catch (SQLException e) {
            throw fail("list the open upload batches", e);
        }
    }

    public synchronized List<JournalEntry> batchRecords(int batchNo) {
        return query("SELECT " + COLS + " FROM offline_record WHERE batch_no = ? ORDER BY id", batchNo);
    }

    /**
     * Assigns up to {@code max} complete, unassigned records to the next batch number, durably and once: a
     * record never changes batch afterwards, so a batch re-sent after a crash is the same batch.
     */
    public synchronized OptionalInt assignBatch(int max) {
        try {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = conn.prepareStatement("SELECT id FROM offline_record WHERE state = 'COMPLETE'"
                    + " AND batch_no IS NULL ORDER BY id FETCH FIRST " + max + " ROWS ONLY")) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            if (ids.isEmpty()) {
                conn.commit();
                return OptionalInt.empty();
            }
            int batch = (int) (Counters.next(conn, "batch_no", 999_999));
            try (PreparedStatement ps =
                    conn.prepareStatement("UPDATE offline_record SET batch_no = ? WHERE id = ? AND batch_no IS NULL")) {
                for (long id : ids) {
                    ps.setInt(1, batch);
                    ps.setLong(2, id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO upload_batch (batch_no, state,"
                    + " record_count, created, sent_count) VALUES (?, 'SENT', ?, ?, 0)")) {
                ps.setInt(1, batch);
                ps.setInt(2, ids.size());
                ps.setTimestamp(3, new Timestamp(System.currentTimeMillis()));
                ps.executeUpdate();
            }
            conn.commit();
            return OptionalInt.of(batch);
        } catch (SQLException e) {
            rollbackQuietly();
            throw fail("assign an upload batch", e);
        }
    }

    /** Counts one more sending of a batch (for the journal listing). */
    public synchronized void batchSent(int batchNo) {
        update("UPDATE upload_batch SET sent_count = sent_count + 1 WHERE batch_no = ?", batchNo);
    }

    /** The server stored the batch: keeps each record's result; the batch is closed for good. */
    public synchronized void batchAnswered(int batchNo, List<String> results) {
        try {
            List<JournalEntry> records = query0(
                    "SELECT " + COLS + " FROM offline_record WHERE batch_no = ? ORDER BY id", new Object[] {batchNo});
            try (PreparedStatement ps = conn.prepareStatement("UPDATE offline_record SET result = ? WHERE id = ?")) {
                for (int i = 0; i < records.size(); i++) {
                    ps.setString(1, i < results.size() ? results.get(i) : ResponseCode.APPROVED.code());
                    ps.setLong(2, records.get(i).id());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = conn.prepareStatement(
                    "UPDATE upload_batch SET state = 'ANSWERED', answered = ? WHERE batch_no = ?")) {
                ps.setTimestamp(1, new Timestamp(System.currentTimeMillis()));
                ps.setInt(2, batchNo);
                ps.executeUpdate();
            }
            conn.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw fail("record the answer to batch " + batchNo, e);
        }
    }

    /**
     * The host refused a batch number as used before with other content (a journal that restarted its numbering):
     * its records move to a fresh number, which the host has never seen. They were not stored under the old one.
     * Returns the new number.
     */
    public synchronized int rebatch(int batchNo) {
        try {
            int fresh = (int) Counters.next(conn, "batch_no", 999_999);
            int n;
            try (PreparedStatement ps = conn.prepareStatement(
                    "UPDATE offline_record SET batch_no = ? WHERE batch_no = ? AND result IS NULL")) {
                ps.setInt(1, fresh);
                ps.setInt(2, batchNo);
                n = ps.executeUpdate();
            }
            update0(
                    "UPDATE upload_batch SET state = 'REFUSED', answered = ? WHERE batch_no = ?",
                    new Timestamp(System.currentTimeMillis()),
                    batchNo);
            update0(
                    "INSERT INTO upload_batch (batch_no, state, record_count, created, sent_count) VALUES (?, 'SENT',"
                            + " ?, ?, 0)",
                    fresh,
                    n,
                    new Timestamp(System.currentTimeMillis()));
            conn.commit();
            return fresh;
        } catch (SQLException e) {
            rollbackQuietly();
            throw fail("move batch " + batchNo + " to a new number", e);
        }
    }

    /** Records complete but not yet on the server (assigned or not). */
    public synchronized int awaitingUpload() {
        return count("SELECT COUNT(*) FROM offline_record WHERE state = 'COMPLETE' AND result IS NULL");
    }

    /** Purchases still waiting for their card to be tapped again (answer lost). */
    public synchronized int pendingCount() {
        return count("SELECT COUNT(*) FROM offline_record WHERE state = 'PENDING'");
    }

    // ------------------------------------------------------------------ counters, reconciliation

    /** The next STAN (1..999999), durable: never reused after a restart. */
    public synchronized int nextStan() {
        try {
            int stan = (int) Counters.next(conn, "stan", 999_999);
            conn.commit();
            return stan;
        } catch (SQLException e) {
            rollbackQuietly();
            throw fail("allocate a STAN", e);
        }
    }

    /** A terminal sequence for events that have no PSAM TTSN (hotlist blocks): 80000001 upwards. */
    public synchronized long nextBlockSequence() {
        try {
            long n = Counters.next(conn, "block_seq", 0x7FFF_FFFFL);
            conn.commit();
            return 0x8000_0000L | n;
        } catch (SQLException e) {
            rollbackQuietly();
            throw fail("allocate a block sequence", e);
        }
    }

    /** The last batch number assigned, 0 before the first. */
    public synchronized int lastBatchNumber() {
        try {
            long v = Counters.current(conn, "batch_no");
            conn.commit();
            return (int) v;
        } catch (SQLException e) {
            throw fail("read the last batch number", e);
        }
    }

    /** Totals of what this terminal made on a business date, as 0500 reports them. */
    public record Totals(long credits, long creditAmount, long debits, long debitAmount) {}

    public synchronized Totals totals(String businessDate) {
        try {
            long[] debits = sums(
                    "SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM offline_record"
                            + " WHERE state = 'COMPLETE' AND record_type IN ('06', '09') AND tx_date = ?",
                    businessDate);
            long[] credits = sums(
                    "SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM load_event"
                            + " WHERE state IN ('CREDITED', 'COMPLETED') AND req_date = ?",
                    businessDate);
            conn.commit();
            return new Totals(credits[0], credits[1], debits[0], debits[1]);
        } catch (SQLException e) {
            throw fail("total business date " + businessDate, e);
        }
    }

    /** Business dates with money events whose reconciliation is not yet agreed, oldest first. */
    public synchronized List<String> datesToReconcile() {
        List<String> out = new ArrayList<>();
        String sql = "SELECT d FROM (SELECT tx_date AS d FROM offline_record WHERE state = 'COMPLETE'"
                + " UNION SELECT req_date AS d FROM load_event WHERE state IN ('CREDITED', 'COMPLETED')) t"
                + " WHERE d IS NOT NULL AND d NOT IN (SELECT business_date FROM reconciliation"
                + ") ORDER BY d";
        try (PreparedStatement ps = conn.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            conn.commit();
            return out;
        } catch (SQLException e) {
            throw fail("list the dates to reconcile", e);
        }
    }

    /** Keeps the host's answer to a 0500; 00 closes the date until new events arrive on it. */
    public synchronized void reconciled(String businessDate, String responseCode) {
        try {
            update0("DELETE FROM reconciliation WHERE business_date = ?", businessDate);
            update0(
                    "INSERT INTO reconciliation (business_date, response_code, answered) VALUES (?, ?, ?)",
                    businessDate,
                    responseCode,
                    new Timestamp(System.currentTimeMillis()));
            conn.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw fail("record the reconciliation of " + businessDate, e);
        }
    }

    // ------------------------------------------------------------------ plumbing

    private long[] sums(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    private int count(String sql) {
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

    private void update(String sql, Object... args) {
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

    private List<JournalEntry> query(String sql, Object... args) {
        try {
            List<JournalEntry> out = query0(sql, args);
            conn.commit();
            return out;
        } catch (SQLException e) {
            throw fail("read the journal", e);
        }
    }

    private List<JournalEntry> query0(String sql, Object[] args) throws SQLException {
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

    /** An ASN as it may appear in messages and logs: first 6 and last 4 digits. */
    public static String mask(String asn) {
        if (asn == null || asn.length() < 10) {
            return "****";
        }
        return asn.substring(0, 6) + "*".repeat(asn.length() - 10) + asn.substring(asn.length() - 4);
    }

    @Override
    public synchronized void close() {
        db.close();
    }
}
