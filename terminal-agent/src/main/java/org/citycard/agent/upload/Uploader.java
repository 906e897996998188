package org.citycard.agent.upload;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.citycard.agent.iso.HostLink;
import org.citycard.agent.iso.IsoException;
import org.citycard.agent.journal.Journal;
import org.citycard.agent.journal.JournalEntry;
import org.citycard.agent.journal.LoadEvent;
import org.citycard.dictionary.codec.Hex;
import org.citycard.dictionary.wire.ResponseCode;

/**
 * One store-and-forward pass: re-sends every batch assigned and not answered (same number, same records), then
 * assigns and sends new batches of at most {@value #MAX_RECORDS} records, then the load advices and reversals
 * owed, then the 0500 reconciliation of every business date with new events. Stops at the first network error
 * (the caller backs off and calls again); nothing is ever dropped or expired.
 */
public final class Uploader {
    /** At most 151 records a 0320 (iso8583.yaml; field 63 = n × 66 bytes fits its LLLL length). */
    public static final int MAX_RECORDS = 151;

    private static final System.Logger LOG = System.getLogger(Uploader.class.getName());
    private final Journal journal;
    private final HostLink host;
    private final int maxRecords;

    public Uploader(Journal journal, HostLink host) {
        this(journal, host, MAX_RECORDS);
    }

    public Uploader(Journal journal, HostLink host, int maxRecords) {
        if (maxRecords < 1 || maxRecords > MAX_RECORDS) {
            throw new IllegalArgumentException("records per batch " + maxRecords + ": give 1.." + MAX_RECORDS);
        }
        this.journal = journal;
        this.host = host;
        this.maxRecords = maxRecords;
    }

    /** What a pass did. */
    public record Pass(int batches, int records, int completions, int reversals, List<String> reconciled) {
        public boolean idle() {
            return batches == 0 && completions == 0 && reversals == 0 && reconciled.isEmpty();
        }
    }

    /**
     * One pass. An item the host refuses (a batch, an advice, a reversal) stays journaled and the pass goes on
     * with the others, so one refused item never holds back the rest; a lost connection ends the pass at once.
     * Throws the first failure after the pass so the caller backs off.
     */
    public Pass drainOnce() throws IsoException {
        Failures failures = new Failures();
        int batches = 0;
        int records = 0;
        for (int batch : journal.openBatches()) {
            int n = failures.attempt(() -> send(batch));
            records += Math.max(0, n);
            batches += n >= 0 ? 1 : 0;
        }
        OptionalInt next;
        while ((next = journal.assignBatch(maxRecords)).isPresent()) {
            int batch = next.getAsInt();
            int n = failures.attempt(() -> send(batch));
            records += Math.max(0, n);
            batches += n >= 0 ? 1 : 0;
        }
        int completions = 0;
        for (LoadEvent e : journal.loads().inState(LoadEvent.State.CREDITED)) {
            completions += Math.max(0, failures.attempt(() -> complete(e)));
        }
        int reversals = 0;
        for (LoadEvent e : journal.loads().inState(LoadEvent.State.REVERSAL_DUE)) {
            reversals += Math.max(0, failures.attempt(() -> reverse(e)));
        }
        List<String> reconciled = new ArrayList<>();
        if (failures.first == null && journal.awaitingUpload() == 0) {
            for (String date : journal.datesToReconcile()) {
                Journal.Totals t = journal.totals(date);
                HostLink.Reconciliation r = host.reconcile(
                        date, journal.lastBatchNumber(), t.credits(), t.creditAmount(), t.debits(), t.debitAmount());
                journal.reconciled(date, r.responseCode());
                if (!r.agreed()) {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "reconciliation of {0} does not agree (rc {1}): terminal "
                                    + "{2} debits / {3} fen, host {4} / {5}",
                            date,
                            r.responseCode(),
                            t.debits(),
                            t.debitAmount(),
                            r.debits(),
                            r.debitAmount());
                }
                reconciled.add(date + ":" + r.responseCode());
            }
        }
        if (failures.first != null) {
            throw failures.first;
        }
        return new Pass(batches, records, completions, reversals, reconciled);
    }

    private int complete(LoadEvent e) throws IsoException {
        String rc = host.completeLoad(request(e), e.rrn(), Hex.parse("tac", e.tac()));
        if (ResponseCode.APPROVED.code().equals(rc)
                || ResponseCode.DUPLICATE.code().equals(rc)) {
            journal.loads().completed(e.id());
            return 1;
        }
        throw new IsoException(
                IsoException.Kind.REJECTED,
                "the host answered the completion of load " + e.id() + " with " + rc + "; it is kept and sent again");
    }

    private int reverse(LoadEvent e) throws IsoException {
        String rc = host.reverseLoad(request(e));
        if (ResponseCode.APPROVED.code().equals(rc)
                || ResponseCode.NO_ORIGINAL.code().equals(rc)
                || ResponseCode.DUPLICATE.code().equals(rc)) {
            journal.loads().reversed(e.id());
            return 1;
        }
        throw new IsoException(
                IsoException.Kind.REJECTED,
                "the host answered the reversal of load " + e.id() + " with " + rc + "; it is kept and sent again");
    }

    /** Runs items, keeps the first refusal, and stops the pass on a lost connection. */
    private static final class Failures {
        IsoException first;

        interface Item {
            int run() throws IsoException;
        }

        /** The item's count, or -1 when the host refused it. */
        int attempt(Item item) throws IsoException {
            try {
                return item.run();
            } catch (IsoException e) {
                if (e.kind() != IsoException.Kind.REJECTED) {
                    throw e;
                }
                if (first == null) {
                    first = e;
                }
                LOG.log(System.Logger.Level.WARNING, e.getMessage());
                return -1;
            }
        }
    }

    private int send(int batch) throws IsoException {
        List<JournalEntry> recs = journal.batchRecords(batch);
        List<byte[]> encoded = new ArrayList<>(recs.size());
        for (JournalEntry r : recs) {
            encoded.add(r.record().bytes()); // exactly the bytes journaled when the card proved the event
        }
        journal.batchSent(batch);
        HostLink.BatchAnswer a = host.uploadBatch(batch, encoded);
        if (ResponseCode.DUPLICATE.code().equals(a.responseCode())) {
            int fresh = journal.rebatch(batch);
            LOG.log(
                    System.Logger.Level.WARNING,
                    "the host knows batch number {0} with other records (a journal that"
                            + " restarted its numbering?); its records move to batch {1}",
                    batch,
                    fresh);
            return send(fresh);
        }
        if (!a.stored()) {
            throw new IsoException(
                    IsoException.Kind.REJECTED,
                    "the host did not store batch " + batch + " (response code " + a.responseCode()
                            + "); it is kept and sent again");
        }
        journal.batchAnswered(batch, a.results());
        return recs.size();
    }

    static HostLink.LoadRequest request(LoadEvent e) {
        return new HostLink.LoadRequest(
                e.asn(),
                e.amount(),
                e.stan(),
                e.requestDate(),
                e.requestTime(),
                e.department(),
                Hex.parse("init_data", e.initData()));
    }
}
