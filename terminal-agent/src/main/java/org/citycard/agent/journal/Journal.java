package org.citycard.agent.journal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.citycard.dictionary.record.OfflineRecord;

/**
 * The durable journal of the agent: offline money events and their upload batches, online loads, counters,
 * the local hotlist and parameters. Every method that changes money state commits before it returns, so a
 * result shown after the call survives a kill at any later point.
 *
 * <p>All access goes through one connection under this object's lock: the tap loop and the uploader interleave
 * short transactions; network exchanges happen outside them. Each part has its own class — the offline events
 * ({@link OfflineEvents}), the upload batches ({@link UploadBatches}), the counters ({@link Sequences}), the 0500
 * reconciliation ({@link Reconciliations}), the loads ({@link LoadJournal}) and the local lists ({@link
 * LocalLists}); this class is their one door and their lock.
 */
public final class Journal implements AutoCloseable {
    static final String COLS = JournalConnection.COLS;

    private final JournalDatabase db;
    private final JournalConnection jc;
    final Connection conn;
    private final OfflineEvents events;
    private final UploadBatches batches;
    private final Sequences sequences;
    private final Reconciliations reconciliations;
    private final LoadJournal loads;
    private final LocalLists lists;
    private final FreeRides freeRides;

    private Journal(JournalDatabase db, Path tapLog) {
        this.db = db;
        this.conn = db.connect();
        this.jc = new JournalConnection(conn);
        this.events = new OfflineEvents(jc);
        this.batches = new UploadBatches(jc);
        this.sequences = new Sequences(jc);
        this.reconciliations = new Reconciliations(jc);
        this.loads = new LoadJournal(this);
        this.lists = new LocalLists(this);
        this.freeRides = new FreeRides(jc);
        jc.afterRollback(() -> {
            events.forget();
            loads.forget();
        });
        try {
            // before anything reads the journal: the tap log's records not yet in Derby are replayed into it
            events.openLog(tapLog == null ? TapLog.inMemory() : TapLog.open(tapLog));
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** The tap log of the journal in {@code dir}: beside its directory, {@code <dir>.taplog}. */
    public static Path tapLogOf(Path dir) {
        Path abs = dir.toAbsolutePath();
        return abs.resolveSibling(abs.getFileName() + ".taplog");
    }

    /** The tap log's records folded into Derby at most this long after the first of them was appended. */
    static final long FOLD_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(100);

    /** The tap log's records folded as soon as this many wait (one Derby transaction for them all). */
    static final int FOLD_BATCH = 64;

    private boolean foldSoonArmed;
    private boolean foldLaterArmed;

    private void armFold() {
        if (closed) {
            return;
        }
        int n = events.unfoldedCount();
        if (n >= FOLD_BATCH && !foldSoonArmed) {
            foldSoonArmed = true;
            FLUSHER.execute(() -> foldDue(true));
        } else if (n > 0 && !foldLaterArmed) {
            foldLaterArmed = true;
            FLUSHER.schedule(() -> foldDue(false), FOLD_NANOS, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    /** The background folder: moves the tap log's records into Derby (one transaction) and empties the log. */
    private synchronized void foldDue(boolean soon) {
        if (soon) {
            foldSoonArmed = false;
        } else {
            foldLaterArmed = false;
        }
        if (closed) {
            return;
        }
        try {
            events.fold();
        } catch (JournalException e) {
            // the records stay in the log and in memory; the next fold (or any reader) tries again
            System.getLogger(Journal.class.getName()).log(System.Logger.Level.ERROR, e.getMessage());
        }
        armFold();
    }

    /**
     * The longest a purchase's completion (its TAC) waits in the open transaction for another commit to carry it to
     * disk; then the journal commits it on its own. Taps closer together than this (a queue at a gate) share one
     * forced log write each: the next tap's record carries the last tap's TAC.
     */
    static final long FLUSH_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(20);

    private static final java.util.concurrent.ScheduledExecutorService FLUSHER =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "citycard-journal-flush");
                t.setDaemon(true);
                return t;
            });

    private boolean flushArmed;
    private boolean closed;

    /** Opens (creating when missing) the journal in {@code dir} and its tap log beside it ({@link #tapLogOf}). */
    public static Journal open(Path dir) {
        return new Journal(JournalDatabase.open(dir), tapLogOf(dir));
    }

    public static Journal inMemory(String name) {
        return new Journal(JournalDatabase.inMemory(name), null);
    }

    public LoadJournal loads() {
        return loads;
    }

    public LocalLists lists() {
        return lists;
    }

    // ------------------------------------------------------------------ free rides (concession cards)

    /** Journals a free ride of a concession card (nothing debited); returns its id. */
    public synchronized long recordFreeRide(
            String asn,
            String date,
            String time,
            String terminalId,
            String cardType,
            long fullFare,
            String department) {
        return freeRides.record(asn, date, time, terminalId, cardType, fullFare, department);
    }

    /** The free rides this card took on this business date (YYYYMMDD). */
    public synchronized int freeRidesOn(String asn, String date) {
        return freeRides.countOn(asn, date);
    }

    // ------------------------------------------------------------------ offline events

    /**
     * Journals a purchase about to be sent to the card (state PENDING); returns its id. The record is appended to the
     * tap log and forced before this returns (with the completion of the tap before): the tap's one forced write. A
     * log that cannot be written refuses the purchase here, before the debit.
     */
    public synchronized long beginOffline(OfflineRecord d) {
        long id = events.beginOffline(d);
        armFold();
        return id;
    }

    /** Journals an event that is complete as it happens (a hotlist block). */
    public synchronized long recordComplete(OfflineRecord d, String tacHex) {
        return events.recordComplete(d, tacHex);
    }

    /** The card proved the event: its TAC is kept and the record may be uploaded. Committed before it returns. */
    public synchronized void complete(long id, String tacHex) {
        events.complete(id, tacHex);
    }

    /**
     * The card proved the purchase {@code record} journaled PENDING as {@code id} (by {@link #beginOffline}): its
     * completion is appended to the tap log and made durable by the log's next forced write — the next tap's {@link
     * #beginOffline}, or at the latest {@link #FLUSH_NANOS} later by the journal itself — or by its folding into
     * Derby, whichever comes first. A kill before that leaves the record PENDING, as a lost answer does: the card's
     * next tap proves it with GET TRANSACTION PROVE (never debited twice), so one forced write a tap suffices.
     */
    public synchronized void completeSoon(long id, OfflineRecord record, String tacHex) {
        events.completeDeferred(id, record, tacHex);
        armFlush(FLUSH_NANOS);
    }

    /** Forces the completions written by {@link #completeSoon} to the tap log now. */
    public synchronized void flush() {
        events.flushLog();
    }

    private void armFlush(long delayNanos) {
        if (!flushArmed && !closed) {
            flushArmed = true;
            FLUSHER.schedule(this::flushDue, delayNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    /** The flush timer: forces the completions older than {@link #FLUSH_NANOS}, or waits for the oldest one. */
    private synchronized void flushDue() {
        flushArmed = false;
        long oldest = events.log().bufferedSince();
        if (closed || oldest < 0) {
            return;
        }
        long due = oldest + FLUSH_NANOS - System.nanoTime();
        if (due > 0) {
            armFlush(due);
            return;
        }
        try {
            events.flushLog(); // a log that cannot be written: the completions are folded into Derby instead
        } catch (JournalException e) {
            System.getLogger(Journal.class.getName()).log(System.Logger.Level.ERROR, e.getMessage());
        }
        notifyAll();
    }

    /** Waits until no completion waits in the tap log's buffer (for tests: the flush forced it). */
    synchronized void awaitFlushed() throws InterruptedException {
        while (events.log().bufferedSince() >= 0 && !closed) {
            wait();
        }
    }

    /**
     * As a kill leaves the journal: what the tap log buffers is lost, the database is shut down without committing.
     * For crash tests.
     */
    synchronized void abandon() {
        closed = true;
        events.abandonLog();
        db.close();
    }

    /** The card proved the event did not happen (GET TRANSACTION PROVE 9406, or a refused debit). */
    public synchronized void voidRecord(long id) {
        events.voidRecord(id);
    }

    /** The events of this card whose answer was lost, oldest first: to be proven on this tap. */
    public synchronized List<JournalEntry> pendingFor(String asn) {
        return events.pendingFor(asn);
    }

    /** The records of this card at this terminal on this date ({@code YYYYMMDD}), oldest first. */
    public synchronized List<JournalEntry> recordsOf(String asn, String terminalId, String transactionDate) {
        return events.recordsOf(asn, terminalId, transactionDate);
    }

    /**
     * What this card's events of these types ({@code record_type}) at this terminal on this date ({@code YYYYMMDD})
     * add up to in fen, VOID ones not counted: one SUM query.
     */
    public synchronized long amountOf(String asn, String terminalId, String transactionDate, String... recordTypes) {
        return events.amountOf(asn, terminalId, transactionDate, recordTypes);
    }

    /** True when a record of this type exists for the card (any state). */
    public synchronized boolean hasRecord(String asn, String recordType) {
        return events.hasRecord(asn, recordType);
    }

    public synchronized Optional<JournalEntry> find(long id) {
        return events.find(id);
    }

    /** The newest {@code limit} records, newest first. */
    public synchronized List<JournalEntry> latest(int limit) {
        return events.latest(limit);
    }

    /** Every record, oldest first. */
    public synchronized List<JournalEntry> all() {
        return events.all();
    }

    /** The terminal IDs this journal has recorded money events for (records and loads), in order. */
    public synchronized List<String> terminals() {
        return events.terminals();
    }

    /** Records complete but not yet on the server (assigned or not). */
    public synchronized int awaitingUpload() {
        return events.awaitingUpload();
    }

    /** Purchases still waiting for their card to be tapped again (answer lost). */
    public synchronized int pendingCount() {
        return events.pendingCount();
    }

    // ------------------------------------------------------------------ upload batches

    /** Batches assigned and not yet answered, oldest first: re-sent unchanged, same number, same records. */
    public synchronized List<Integer> openBatches() {
        return batches.openBatches();
    }

    public synchronized List<JournalEntry> batchRecords(int batchNo) {
        return batches.batchRecords(batchNo);
    }

    /**
     * Assigns up to {@code max} complete, unassigned records to the next batch number, durably and once: a
     * record never changes batch afterwards, so a batch re-sent after a crash is the same batch.
     */
    public synchronized OptionalInt assignBatch(int max) {
        events.fold();
        return batches.assignBatch(max);
    }

    /** Counts one more sending of a batch (for the journal listing). */
    public synchronized void batchSent(int batchNo) {
        batches.batchSent(batchNo);
    }

    /** The server stored the batch: keeps each record's result; the batch is closed for good. */
    public synchronized void batchAnswered(int batchNo, List<String> results) {
        batches.batchAnswered(batchNo, results);
    }

    /**
     * The host refused a batch number as used before with other content (a journal that restarted its numbering):
     * its records move to a fresh number, which the host has never seen. Returns the new number.
     */
    public synchronized int rebatch(int batchNo) {
        return batches.rebatch(batchNo);
    }

    // ------------------------------------------------------------------ counters, reconciliation

    /** The next STAN (1..999999), durable: never reused after a restart. */
    public synchronized int nextStan() {
        return sequences.nextStan();
    }

    /** A terminal sequence for events that have no PSAM TTSN (hotlist blocks): 80000001 upwards. */
    public synchronized long nextBlockSequence() {
        return sequences.nextBlockSequence();
    }

    /** The last batch number assigned, 0 before the first. */
    public synchronized int lastBatchNumber() {
        return sequences.lastBatchNumber();
    }

    /** Totals of what this terminal made on a business date, as 0500 reports them. */
    public record Totals(long credits, long creditAmount, long debits, long debitAmount) {}

    public synchronized Totals totals(String businessDate) {
        events.fold();
        return reconciliations.totals(businessDate);
    }

    /** Business dates with money events whose reconciliation is not yet agreed, oldest first. */
    public synchronized List<String> datesToReconcile() {
        events.fold();
        return reconciliations.datesToReconcile();
    }

    /** Keeps the host's answer to a 0500; 00 closes the date until new events arrive on it. */
    public synchronized void reconciled(String businessDate, String responseCode) {
        events.fold();
        reconciliations.reconciled(businessDate, responseCode);
    }

    // ------------------------------------------------------------------ for the loads and the lists

    void update0(String sql, Object... args) throws SQLException {
        jc.update0(sql, args);
    }

    static void bind(PreparedStatement ps, Object... args) throws SQLException {
        JournalConnection.bind(ps, args);
    }

    void rollbackQuietly() {
        jc.rollbackQuietly();
    }

    void reconciliationsChanged() {
        jc.reconciliationsChanged();
    }

    JournalException fail(String what, SQLException e) {
        return jc.fail(what, e);
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
        if (!closed) {
            try {
                events.fold(); // the tap log's records into Derby: a clean close leaves the log empty
            } catch (JournalException e) {
                System.getLogger(Journal.class.getName())
                        .log(System.Logger.Level.ERROR, e.getMessage() + "; the tap log keeps them for the next open");
                try {
                    events.flushLog();
                } catch (JournalException again) {
                    // logged above; what the log holds on disk is replayed at the next open
                }
            }
            events.log().close();
        }
        closed = true;
        notifyAll();
        db.close();
    }
}
