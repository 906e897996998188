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
    private static final String INSERT_SQL = "INSERT INTO offline_record (id, record_type, state, asn, offline_seq,"
            + " terminal_id, ttsn, amount, balance_before, transaction_date, transaction_time, tac, key_version,"
            + " algorithm, department, payee, created, record_data)"
            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,CURRENT_TIMESTAMP,?)";
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
            for (Unfolded u : unfolded.values()) {
                if (!u.inDerby && u.tac == null && ids.put(u.id, u.record.asn()) == null) {
                    pendingCards.merge(u.record.asn(), 1, Integer::sum);
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

    // ------------------------------------------------------------------ the tap log and its folding

    /** A record of the tap log not yet in Derby as it stands: its PENDING row, or its completion, or both. */
    private static final class Unfolded {
        final long id;
        final OfflineRecord record;
        /** Its PENDING row is in Derby already (folded before its completion came). */
        final boolean inDerby;

        String tac;
        String data;

        Unfolded(long id, OfflineRecord record, boolean inDerby) {
            this.id = id;
            this.record = record;
            this.inDerby = inDerby;
        }
    }

    private TapLog log = TapLog.inMemory();
    /** The tap log's records not yet folded into Derby, in the order they were appended. */
    private final java.util.LinkedHashMap<Long, Unfolded> unfolded = new java.util.LinkedHashMap<>();
    /** The (terminal, TTSN) identities of the unfolded records begun: the unique key Derby checks when they fold. */
    private final java.util.Set<String> unfoldedIdentities = new java.util.HashSet<>();
    /** The highest PSAM TTSN (below 2^31) each terminal has in the journal: a higher one is new, no query needed. */
    private final java.util.Map<String, Long> highestTtsn = new java.util.HashMap<>();
    /** The id the next record gets (the journal gives the ids: a tap's record has one before Derby sees it). */
    private long nextId;

    /**
     * Opens the tap log: its records not yet in Derby are replayed into it (idempotently, by record id: a BEGIN whose
     * row exists and a COMPLETE whose row is no longer PENDING change nothing), committed, and the log emptied —
     * before anything reads the journal.
     */
    void openLog(TapLog opened) {
        try {
            int begun = 0;
            int completed = 0;
            for (TapLog.Entry e : opened.recovered()) {
                if (e.kind() == TapLog.BEGIN) {
                    if (e.body().length != OfflineRecord.SIZE) {
                        throw refused(
                                opened,
                                e,
                                "a BEGIN of " + e.body().length + " bytes, " + OfflineRecord.SIZE + " expected");
                    }
                    PreparedStatement ps = c.prepared("SELECT 1 FROM offline_record WHERE id = ?");
                    ps.setLong(1, e.id());
                    boolean there;
                    try (ResultSet rs = ps.executeQuery()) {
                        there = rs.next();
                    }
                    if (!there) {
                        insertRow(e.id(), OfflineRecord.decode(e.body()), null, null);
                        begun++;
                    }
                } else if (e.kind() == TapLog.COMPLETE) {
                    List<JournalEntry> rows = c.query0(
                            "SELECT " + JournalConnection.COLS + " FROM offline_record WHERE id = ?",
                            new Object[] {e.id()});
                    if (rows.isEmpty()) {
                        throw refused(
                                opened,
                                e,
                                "the completion of record " + e.id()
                                        + ", which neither the log nor the journal has begun: the log does not belong to"
                                        + " this journal");
                    }
                    JournalEntry row = rows.get(0);
                    if (row.state() == JournalEntry.State.PENDING) {
                        String tac = org.citycard.dictionary.codec.Hex.of(e.body());
                        c.writeCompletion(
                                e.id(),
                                tac,
                                withTac(row.record(), tac),
                                row.record().transactionDate());
                        completed++;
                    }
                } else {
                    throw refused(opened, e, "record kind " + e.kind() + ", which this agent does not know");
                }
            }
            c.commit();
            if (begun + completed > 0) {
                System.getLogger(OfflineEvents.class.getName())
                        .log(
                                System.Logger.Level.INFO,
                                "the tap log " + opened.file() + " replayed into the journal: " + begun
                                        + " purchases begun, " + completed + " completed");
            }
            opened.reset();
            PreparedStatement max = c.prepared("SELECT COALESCE(MAX(id), 0) FROM offline_record");
            try (ResultSet rs = max.executeQuery()) {
                rs.next();
                nextId = rs.getLong(1) + 1;
            }
            PreparedStatement ttsns = c.prepared("SELECT terminal_id, MAX(ttsn) FROM offline_record"
                    + " WHERE ttsn < 2147483648 GROUP BY terminal_id");
            try (ResultSet rs = ttsns.executeQuery()) {
                while (rs.next()) {
                    highestTtsn.put(rs.getString(1), rs.getLong(2));
                }
            }
            c.commit();
            this.log = opened;
        } catch (SQLException e) {
            throw c.fail("replay the tap log " + opened.file() + " into the journal", e);
        } catch (java.io.IOException e) {
            throw new JournalException(
                    "the journal could not empty the tap log " + opened.file() + " after replaying it: "
                            + e.getMessage(),
                    e);
        }
    }

    private static JournalException refused(TapLog log, TapLog.Entry e, String what) {
        return new JournalException("the tap log " + log.file() + " holds at offset " + e.offset() + " " + what
                + "; the journal refuses to open over it (move the file away only knowing its records are lost)");
    }

    TapLog log() {
        return log;
    }

    /** How many of the tap log's records are not yet in Derby. */
    int unfoldedCount() {
        return unfolded.size();
    }

    /**
     * Moves the tap log's records into Derby — one transaction for all of them — and empties the log. Every reader
     * of the offline records that the in-memory state does not answer folds first, so nothing reads a stale Derby.
     */
    void fold() {
        if (unfolded.isEmpty() && !log.holdsRecords()) {
            return;
        }
        try {
            if (!unfolded.isEmpty()) {
                PreparedStatement ins = null;
                PreparedStatement upd = null;
                java.util.Set<String> dates = new java.util.HashSet<>();
                for (Unfolded u : unfolded.values()) {
                    if (!u.inDerby) {
                        ins = ins == null ? c.prepared(INSERT_SQL) : ins;
                        bindRow(ins, u.id, u.record, u.tac, u.data);
                        ins.addBatch();
                    } else if (u.tac != null) {
                        upd = upd == null ? c.prepared(JournalConnection.COMPLETE_SQL) : upd;
                        upd.setString(1, u.tac);
                        upd.setString(2, u.data);
                        upd.setLong(3, u.id);
                        upd.addBatch();
                    }
                    if (u.tac != null) {
                        dates.add(u.record.transactionDate());
                    }
                }
                if (ins != null) {
                    ins.executeBatch();
                }
                if (upd != null) {
                    for (int n : upd.executeBatch()) {
                        if (n != 1) {
                            throw new SQLException("a completion folded found its record no longer PENDING");
                        }
                    }
                }
                for (String date : dates) {
                    c.reconcileAgain(date);
                }
                c.commit();
                unfolded.clear();
                unfoldedIdentities.clear();
            }
            log.reset();
        } catch (SQLException e) {
            throw c.fail("fold the tap log " + log.file() + " into the journal", e);
        } catch (java.io.IOException e) {
            throw new JournalException(
                    "the journal could not empty the tap log " + log.file() + " (its records are in the journal): "
                            + e.getMessage() + "; purchases are refused until it can",
                    e);
        }
    }

    /** Writes and forces the completions the tap log buffers (the journal's flush). */
    void flushLog() {
        try {
            log.flush();
        } catch (java.io.IOException e) {
            // the completions are still held in memory: folded into Derby now, they are durable there
            fold();
        }
    }

    /** As a kill leaves the log: what it buffers is lost. */
    void abandonLog() {
        log.abandon();
    }

    /** Journals a purchase about to be sent to the card (state PENDING); returns its id. */
    long beginOffline(OfflineRecord d) {
        try {
            if (log.broken()) {
                fold(); // what the log held is in Derby then, and the log empty again (or this throws: refused)
            }
            String identity = d.terminalId() + '|' + d.ttsn();
            Long highest = highestTtsn.get(d.terminalId());
            if (unfoldedIdentities.contains(identity)
                    || ((highest == null || d.ttsn() <= highest || d.ttsn() >= 0x8000_0000L) && inDerby(d))) {
                throw new JournalException("the journal could not journal the " + d.recordType() + " event of card "
                        + Journal.mask(d.asn()) + ": terminal " + d.terminalId() + " sequence " + d.ttsn()
                        + " is journaled already (the PSAM's TTSN never repeats)");
            }
            long id = nextId;
            try {
                // the one forced write of a tap: this record, and the completion of the tap before
                log.appendBegin(id, d.raw());
            } catch (java.io.IOException e) {
                throw new JournalException(
                        "the journal could not write the tap log " + log.file() + " (" + e.getMessage()
                                + "): the purchase of card " + Journal.mask(d.asn())
                                + " is refused before the debit; the next tap moves what the log holds into the"
                                + " journal and tries the log again",
                        e);
            }
            nextId++;
            unfolded.put(id, new Unfolded(id, d, false));
            unfoldedIdentities.add(identity);
            if (d.ttsn() < 0x8000_0000L && (highest == null || d.ttsn() > highest)) {
                highestTtsn.put(d.terminalId(), d.ttsn());
            }
            counted(d);
            pendingAdded(id, d.asn());
            return id;
        } catch (SQLException e) {
            throw c.fail("journal the " + d.recordType() + " event of card " + Journal.mask(d.asn()), e);
        }
    }

    private boolean inDerby(OfflineRecord d) throws SQLException {
        PreparedStatement ps = c.prepared("SELECT 1 FROM offline_record WHERE terminal_id = ? AND ttsn = ?");
        ps.setString(1, d.terminalId());
        ps.setLong(2, d.ttsn());
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    /** Journals an event that is complete as it happens (a hotlist block). */
    long recordComplete(OfflineRecord d, String tacHex) {
        fold();
        try {
            long id = nextId++;
            insertRow(id, d, tacHex, d.withTac(tacHex).rawHex());
            c.commit();
            counted(d);
            return id;
        } catch (SQLException e) {
            throw c.fail("journal the " + d.recordType() + " event of card " + Journal.mask(d.asn()), e);
        }
    }

    private void insertRow(long id, OfflineRecord d, String tac, String data) throws SQLException {
        PreparedStatement ps = c.prepared(INSERT_SQL);
        bindRow(ps, id, d, tac, data);
        ps.executeUpdate();
    }

    private static void bindRow(PreparedStatement ps, long id, OfflineRecord d, String tac, String data)
            throws SQLException {
        ps.setLong(1, id);
        ps.setString(2, d.recordType());
        ps.setString(3, tac == null ? JournalEntry.State.PENDING.name() : JournalEntry.State.COMPLETE.name());
        ps.setString(4, d.asn());
        ps.setInt(5, d.offlineSeq());
        ps.setString(6, d.terminalId());
        ps.setLong(7, d.ttsn());
        ps.setLong(8, d.amount());
        ps.setLong(9, d.balanceBefore());
        ps.setString(10, d.transactionDate());
        ps.setString(11, d.transactionTime());
        ps.setString(12, tac);
        ps.setInt(13, d.keyVersion());
        ps.setInt(14, d.algorithmId());
        ps.setString(15, d.departmentCode());
        ps.setString(16, d.payeeReference());
        // a complete event keeps the record's bytes as they will be uploaded
        ps.setString(17, data);
    }

    /**
     * The card proved the purchase {@code d} journaled as {@code id}: its completion is appended to the tap log,
     * written and forced with the next tap's record or the journal's flush a few milliseconds later, and folded into
     * Derby with the log's other records.
     */
    void completeDeferred(long id, OfflineRecord d, String tac) {
        try {
            if (!pending().containsKey(id)) {
                throw new JournalException("record " + id + " is not pending; it cannot become COMPLETE");
            }
            String data = withTac(d, tac);
            Unfolded u = unfolded.get(id);
            if (u == null) {
                u = new Unfolded(id, d, true); // its PENDING row was folded before the card answered
                unfolded.put(id, u);
            }
            u.tac = tac;
            u.data = data;
            log.appendComplete(id, org.citycard.dictionary.codec.Hex.parse("tac", tac));
            pendingGone(id);
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
        fold();
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
            fold();
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
        for (Unfolded u : unfolded.values()) {
            if (u.record.asn().equals(asn)) {
                fold(); // the card's records in the tap log count: Derby sums them once they are folded
                break;
            }
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
        fold();
        return c.query(
                "SELECT " + JournalConnection.COLS + " FROM offline_record WHERE asn = ? AND terminal_id = ?"
                        + " AND transaction_date = ? ORDER BY id",
                asn,
                terminalId,
                transactionDate);
    }

    /** True when a record of this type exists for the card (any state). */
    boolean hasRecord(String asn, String recordType) {
        fold();
        return !c.query(
                        "SELECT " + JournalConnection.COLS + " FROM offline_record WHERE asn = ? AND record_type = ?"
                                + " FETCH FIRST 1 ROWS ONLY",
                        asn,
                        recordType)
                .isEmpty();
    }

    Optional<JournalEntry> find(long id) {
        fold();
        List<JournalEntry> r = c.query("SELECT " + JournalConnection.COLS + " FROM offline_record WHERE id = ?", id);
        return r.stream().findFirst();
    }

    /** The newest {@code limit} records, newest first. */
    List<JournalEntry> latest(int limit) {
        fold();
        return c.query("SELECT " + JournalConnection.COLS + " FROM offline_record ORDER BY id DESC FETCH FIRST " + limit
                + " ROWS ONLY");
    }

    /** Every record, oldest first. */
    List<JournalEntry> all() {
        fold();
        return c.query("SELECT " + JournalConnection.COLS + " FROM offline_record ORDER BY id");
    }

    /** The terminal IDs this journal has recorded money events for (records and loads), in order. */
    List<String> terminals() {
        fold();
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
        fold();
        return c.count("SELECT COUNT(*) FROM offline_record WHERE state = 'COMPLETE' AND result IS NULL");
    }

    /** Purchases still waiting for their card to be tapped again (answer lost). */
    int pendingCount() {
        fold();
        return c.count("SELECT COUNT(*) FROM offline_record WHERE state = 'PENDING'");
    }
}
