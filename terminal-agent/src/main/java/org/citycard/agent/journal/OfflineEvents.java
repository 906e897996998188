package org.citycard.agent.journal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.citycard.dictionary.record.OfflineRecord;

/**
 * The offline money events (purchases, compound purchases, hotlist blocks): journaled PENDING before the debit,
 * COMPLETE with the TAC or VOID once the card proved the outcome, and the queries over them.
 */
final class OfflineEvents {
    private static final String INSERT_SQL = "INSERT INTO offline_record (record_type, state, asn, offline_seq,"
            + " terminal_id, ttsn, amount, balance_before, transaction_date, transaction_time, tac, key_version,"
            + " algorithm, department, payee, created, record_data)"
            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,CURRENT_TIMESTAMP,?)";
    private static final int CACHED_SUMS = 4096;

    private final JournalConnection c;

    /**
     * The PENDING records by id, their card's ASN as value: read once, then kept with every write of this journal
     * (the only writer of its database), so a tap of a card with nothing pending asks the database nothing. Null
     * until read, and again after a rollback.
     */
    private java.util.Map<Long, String> pendingIds;

    /** How many PENDING records each card has (the same records as {@link #pendingIds}). */
    private final java.util.Map<String, Integer> pendingCards = new java.util.HashMap<>();

    /**
     * The sums {@link #amountOf} answered, kept with every insert of this journal (a void or a rollback drops
     * them all): the day's spending limit of a card tapped again is checked without a query.
     */
    private final java.util.Map<String, java.util.Map<List<String>, Long>> sums =
            new java.util.LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(
                        java.util.Map.Entry<String, java.util.Map<List<String>, Long>> eldest) {
                    return size() > CACHED_SUMS;
                }
            };

    OfflineEvents(JournalConnection c) {
        this.c = c;
    }

    private static final int TAC_OFFSET = OfflineRecord.CODEC.offset("tac");
    private static final int TAC_LENGTH = OfflineRecord.CODEC.length("tac");

    /**
     * The bytes of {@code d} with the card's TAC, as {@link OfflineRecord#withTac} gives them (the layout's other
     * fields were checked and encoded when {@code d} was made; the TAC is its bytes): without encoding the record
     * again.
     */
    static String withTac(OfflineRecord d, String tacHex) {
        byte[] tac = org.citycard.dictionary.codec.Hex.parse("tac", tacHex);
        if (tac.length != TAC_LENGTH) {
            throw new IllegalArgumentException(
                    "tac '" + tacHex + "': " + TAC_LENGTH + " bytes (" + 2 * TAC_LENGTH + " hex digits) expected");
        }
        byte[] raw = d.raw();
        System.arraycopy(tac, 0, raw, TAC_OFFSET, TAC_LENGTH);
        return org.citycard.dictionary.codec.Hex.of(raw);
    }

    /** Forgets what is kept in memory: it is read again from the database when next needed. */
    void forget() {
        pendingIds = null;
        pendingCards.clear();
        sums.clear();
    }

    private java.util.Map<Long, String> pending() throws SQLException {
        if (pendingIds == null) {
            java.util.Map<Long, String> ids = new java.util.HashMap<>();
            pendingCards.clear();
            PreparedStatement ps = c.prepared("SELECT id, asn FROM offline_record WHERE state = 'PENDING'");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.put(rs.getLong(1), rs.getString(2));
                    pendingCards.merge(rs.getString(2), 1, Integer::sum);
                }
            }
            pendingIds = ids;
        }
        return pendingIds;
    }

    private void pendingAdded(long id, String asn) throws SQLException {
        if (pending().put(id, asn) == null) {
            pendingCards.merge(asn, 1, Integer::sum);
        }
    }

    private void pendingGone(long id) throws SQLException {
        String asn = pending().remove(id);
        if (asn != null) {
            pendingCards.computeIfPresent(asn, (k, n) -> n > 1 ? n - 1 : null);
        }
    }

    private static String sumKey(String asn, String terminalId, String date) {
        return asn + '|' + terminalId + '|' + date;
    }

    /** A new event of {@code d}'s amount counts in every kept sum of its card, terminal, date and type. */
    private void counted(OfflineRecord d) {
        java.util.Map<List<String>, Long> kept = sums.get(sumKey(d.asn(), d.terminalId(), d.transactionDate()));
        if (kept != null) {
            for (java.util.Map.Entry<List<String>, Long> e : kept.entrySet()) {
                if (e.getKey().contains(d.recordType())) {
                    e.setValue(e.getValue() + d.amount());
                }
            }
        }
    }

    /** Journals a purchase about to be sent to the card (state PENDING); returns its id. */
    long beginOffline(OfflineRecord d) {
        return insert(d, JournalEntry.State.PENDING, null);
    }

    /** Journals an event that is complete as it happens (a hotlist block). */
    long recordComplete(OfflineRecord d, String tacHex) {
        return insert(d, JournalEntry.State.COMPLETE, tacHex);
    }

    private long insert(OfflineRecord d, JournalEntry.State state, String tac) {
        try {
            PreparedStatement ps = c.preparedWithKeys(INSERT_SQL);
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
            // a complete event keeps the record's bytes as they will be uploaded
            ps.setString(16, tac == null ? null : d.withTac(tac).rawHex());
            ps.executeUpdate();
            long id;
            try (ResultSet k = ps.getGeneratedKeys()) {
                k.next();
                id = k.getLong(1);
            }
            // the one forced log write of a tap: this row, and the completion of the tap before if it is not yet
            // durable (the same transaction holds it)
            c.commit();
            counted(d);
            if (state == JournalEntry.State.PENDING) {
                pendingAdded(id, d.asn());
            }
            return id;
        } catch (SQLException e) {
            throw c.fail("journal the " + d.recordType() + " event of card " + Journal.mask(d.asn()), e);
        }
    }

    /**
     * The card proved the purchase {@code d} journaled as {@code id}: its TAC and the record's bytes are written in
     * the open transaction, which the journal's next commit makes durable (the next tap's record, any other write
     * or read, or {@link Journal}'s flush a few milliseconds later). Returns the time it was written (nanos).
     */
    long completeDeferred(long id, OfflineRecord d, String tac) {
        try {
            String data = withTac(d, tac);
            if (!c.writeCompletion(id, tac, data, d.transactionDate())) {
                c.rollbackQuietly();
                throw new JournalException("record " + id + " is not pending; it cannot become COMPLETE");
            }
            long at = System.nanoTime();
            c.defer(new JournalConnection.Deferred(id, tac, data, d.transactionDate(), at));
            pendingGone(id);
            return at;
        } catch (SQLException e) {
            throw c.fail("mark record " + id + " COMPLETE", e);
        }
    }

    /** The card proved the event: its TAC is kept and the record may be uploaded. */
    void complete(long id, String tacHex) {
        setState(id, JournalEntry.State.COMPLETE, tacHex);
    }

    /** The card proved the event did not happen (GET TRANSACTION PROVE 9406, or a refused debit). */
    void voidRecord(long id) {
        setState(id, JournalEntry.State.VOID, null);
    }

    private void setState(long id, JournalEntry.State state, String tac) {
        try {
            if (tac != null) {
                List<JournalEntry> pending = c.query0(
                        "SELECT " + JournalConnection.COLS + " FROM offline_record WHERE id = ?", new Object[] {id});
                if (pending.isEmpty()) {
                    c.rollbackQuietly();
                    throw new JournalException("record " + id + " is not in the journal; it cannot become " + state);
                }
                OfflineRecord r = pending.get(0).record();
                if (!c.writeCompletion(id, tac, r.withTac(tac).rawHex(), r.transactionDate())) {
                    c.rollbackQuietly();
                    throw new JournalException("record " + id + " is not pending; it cannot become " + state);
                }
            } else {
                PreparedStatement ps = c.prepared("UPDATE offline_record SET state = ?, tac = NULL, record_data = NULL"
                        + " WHERE id = ? AND state = 'PENDING'");
                ps.setString(1, state.name());
                ps.setLong(2, id);
                if (ps.executeUpdate() != 1) {
                    c.rollbackQuietly();
                    throw new JournalException("record " + id + " is not pending; it cannot become " + state);
                }
            }
            c.commit();
            pendingGone(id);
            if (state == JournalEntry.State.VOID) {
                sums.clear(); // a void no longer counts; the sums are read again
            }
        } catch (SQLException e) {
            throw c.fail("mark record " + id + " " + state, e);
        }
    }

    /** The events of this card whose answer was lost, oldest first: to be proven on this tap. */
    List<JournalEntry> pendingFor(String asn) {
        try {
            pending();
            if (!pendingCards.containsKey(asn)) {
                return List.of(); // nothing of this card is pending: no query (and no commit)
            }
        } catch (SQLException e) {
            throw c.fail("read the journal's pending records", e);
        }
        return c.query(
                "SELECT " + JournalConnection.COLS
                        + " FROM offline_record WHERE asn = ? AND state = 'PENDING' ORDER BY id",
                asn);
    }

    /**
     * What this card's events of these types at this terminal on this date add up to, VOID ones not counted (PENDING
     * ones are: they may have been debited). One SUM in the database, however many rows the day holds.
     */
    long amountOf(String asn, String terminalId, String transactionDate, String... recordTypes) {
        if (recordTypes.length == 0) {
            throw new IllegalArgumentException("record types: at least one is needed to sum the journal's amounts");
        }
        String key = sumKey(asn, terminalId, transactionDate);
        List<String> types = List.of(recordTypes);
        java.util.Map<List<String>, Long> ofDay = sums.get(key);
        Long kept = ofDay == null ? null : ofDay.get(types);
        if (kept != null) {
            return kept;
        }
        try {
            PreparedStatement ps =
                    c.prepared("SELECT COALESCE(SUM(amount), 0) FROM offline_record WHERE asn = ? AND terminal_id = ?"
                            + " AND transaction_date = ? AND state <> 'VOID' AND record_type IN ("
                            + String.join(", ", java.util.Collections.nCopies(recordTypes.length, "?")) + ")");
            ps.setString(1, asn);
            ps.setString(2, terminalId);
            ps.setString(3, transactionDate);
            for (int i = 0; i < recordTypes.length; i++) {
                ps.setString(4 + i, recordTypes[i]);
            }
            long n;
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                n = rs.getLong(1);
            }
            // no commit: a read under READ COMMITTED holds no lock after its statement, and a commit here would
            // force the completion of the tap before to disk a second time
            sums.computeIfAbsent(key, k -> new java.util.HashMap<>()).put(types, n);
            return n;
        } catch (SQLException e) {
            throw c.fail("sum the journal's amounts", e);
        }
    }

    /** The records of this card at this terminal on this date, oldest first. */
    List<JournalEntry> recordsOf(String asn, String terminalId, String transactionDate) {
        return c.query(
                "SELECT " + JournalConnection.COLS + " FROM offline_record WHERE asn = ? AND terminal_id = ?"
                        + " AND transaction_date = ? ORDER BY id",
                asn,
                terminalId,
                transactionDate);
    }

    /** True when a record of this type exists for the card (any state). */
    boolean hasRecord(String asn, String recordType) {
        return !c.query(
                        "SELECT " + JournalConnection.COLS + " FROM offline_record WHERE asn = ? AND record_type = ?"
                                + " FETCH FIRST 1 ROWS ONLY",
                        asn,
                        recordType)
                .isEmpty();
    }

    Optional<JournalEntry> find(long id) {
        List<JournalEntry> r = c.query("SELECT " + JournalConnection.COLS + " FROM offline_record WHERE id = ?", id);
        return r.stream().findFirst();
    }

    /** The newest {@code limit} records, newest first. */
    List<JournalEntry> latest(int limit) {
        return c.query("SELECT " + JournalConnection.COLS + " FROM offline_record ORDER BY id DESC FETCH FIRST " + limit
                + " ROWS ONLY");
    }

    /** Every record, oldest first. */
    List<JournalEntry> all() {
        return c.query("SELECT " + JournalConnection.COLS + " FROM offline_record ORDER BY id");
    }

    /** The terminal IDs this journal has recorded money events for (records and loads), in order. */
    List<String> terminals() {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.conn.prepareStatement("SELECT terminal_id FROM offline_record"
                        + " UNION SELECT terminal_id FROM load_event ORDER BY 1");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            c.conn.commit();
            return out;
        } catch (SQLException e) {
            throw c.fail("list the journal's terminals", e);
        }
    }

    /** Records complete but not yet on the server (assigned or not). */
    int awaitingUpload() {
        return c.count("SELECT COUNT(*) FROM offline_record WHERE state = 'COMPLETE' AND result IS NULL");
    }

    /** Purchases still waiting for their card to be tapped again (answer lost). */
    int pendingCount() {
        return c.count("SELECT COUNT(*) FROM offline_record WHERE state = 'PENDING'");
    }
}
