package org.citycard.clearing.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.citycard.clearing.support.IdAllocator;
import org.citycard.dictionary.record.OfflineRecord;
import org.citycard.dictionary.wire.QuarantineReason;
import org.citycard.dictionary.wire.ResponseCode;

/**
 * The state of one batch while the ingest steps go through it: the records and their answers, the cards' chains,
 * what this batch accepted (so a later record of the same batch is checked against it), the quarantine entries and
 * block events to store. Only the steps and {@link BatchProcessor} change it; everything is written at the end, in
 * the batch's one transaction.
 */
public final class BatchContext {
    /** A record's card and offline counter within the batch. */
    record SeqKey(String asn, int offlineSeq) {}

    /** A record's terminal and TTSN within the batch. */
    record TtsnKey(String terminalId, long ttsn) {}

    final BatchUpload batch;
    final Instant now;
    final String day;
    final RecordRules.Lookups lookups;
    private final IdAllocator ids;
    private final String[] results;
    private final RecordContext[] records;
    final Set<String> asns = new LinkedHashSet<>();
    final Map<String, long[]> ttsnRange = new HashMap<>();
    final Map<String, Set<Long>> usedTtsns = new HashMap<>();
    final Map<TtsnKey, AcceptedPurchase> batchByTtsn = new HashMap<>();
    final Map<SeqKey, AcceptedPurchase> batchBySeq = new HashMap<>();
    final Map<Long, Integer> entryIndex = new HashMap<>();
    final List<AcceptedPurchase> accepted = new ArrayList<>();
    final List<QuarantineEntry> entries = new ArrayList<>();
    final List<OfflineRecord> events = new ArrayList<>();
    Map<String, CardChain> chains = Map.of();
    int acceptedCount;
    int duplicateCount;
    int quarantinedCount;

    BatchContext(
            BatchUpload batch, Instant now, String day, int recordCount, RecordRules.Lookups lookups, IdAllocator ids) {
        this.batch = batch;
        this.now = now;
        this.day = day;
        this.lookups = lookups;
        this.ids = ids;
        this.results = new String[recordCount];
        this.records = new RecordContext[recordCount];
        for (int i = 0; i < recordCount; i++) {
            records[i] = new RecordContext(i);
        }
    }

    public int size() {
        return records.length;
    }

    public RecordContext record(int index) {
        return records[index];
    }

    /** The answer of each record so far (null where none yet). */
    public String result(int index) {
        return results[index];
    }

    public List<QuarantineEntry> entries() {
        return List.copyOf(entries);
    }

    public List<AcceptedPurchase> accepted() {
        return List.copyOf(accepted);
    }

    public String day() {
        return day;
    }

    public RecordRules.Lookups lookups() {
        return lookups;
    }

    /** The chains of the batch's cards, by ASN (loaded by {@link CardStep#prepare}). */
    public Map<String, CardChain> chains() {
        return chains;
    }

    // ------------------------------------------------------------------ answers

    /** Answered 00 without a posting (a block event). */
    void approve(RecordContext rc) {
        results[rc.index()] = ResponseCode.APPROVED.code();
    }

    /** Accepted: the chain moves past it, it is posted with the batch, and later records see it as used. */
    AcceptedPurchase accept(RecordContext rc) {
        OfflineRecord r = rc.record();
        CardChain.Placement p = rc.placement();
        long id = ids.next("purchase");
        long previous = rc.chain().accept(r, p, id);
        AcceptedPurchase a = new AcceptedPurchase(
                id, r, lookups.fee(r), p.onlineSeqAfter(), batch.terminalId(), batch.batchNumber(), previous);
        accepted.add(a);
        batchBySeq.put(new SeqKey(r.asn(), r.offlineSeq()), a);
        batchByTtsn.put(new TtsnKey(r.terminalId(), r.ttsn()), a);
        results[rc.index()] = ResponseCode.APPROVED.code();
        acceptedCount++;
        return a;
    }

    /** Kept out of the ledger with its reason (held for a gap or a chain break, or quarantined for staff). */
    void quarantine(RecordContext rc, QuarantineReason reason, String detail) {
        QuarantineEntry e = entry(rc, reason, detail, null);
        entries.add(e);
        entryIndex.put(e.id(), rc.index());
        results[rc.index()] = reason.code();
        quarantinedCount++;
    }

    /** An exact copy of a record received before: recorded as REPEAT, answered 94, never posted. */
    void repeat(RecordContext rc, String detail) {
        entries.add(entry(rc, QuarantineReason.DUPLICATE, detail, QuarantineEntry.REPEAT));
        results[rc.index()] = ResponseCode.DUPLICATE.code();
        duplicateCount++;
    }

    /** A held record of this batch became a purchase when the gap it waited for closed. */
    void releasedInBatch(int index, AcceptedPurchase purchase) {
        results[index] = ResponseCode.APPROVED.code();
        quarantinedCount--;
        acceptedCount++;
        accepted.add(purchase);
    }

    private QuarantineEntry entry(RecordContext rc, QuarantineReason reason, String detail, String status) {
        QuarantineEntry e = QuarantineEntry.ofRecord(
                ids.next("quarantine"),
                reason,
                detail,
                rc.record(),
                rc.raw(),
                batch.terminalId(),
                batch.batchNumber(),
                day,
                now);
        if (status == null) {
            return e;
        }
        return new QuarantineEntry(
                e.id(),
                e.source(),
                e.reason(),
                status,
                e.detail(),
                e.asn(),
                e.offlineSeq(),
                e.terminalId(),
                e.ttsn(),
                e.amount(),
                e.txnDate(),
                e.txnTime(),
                e.rawData(),
                e.batchTerminal(),
                e.batchNumber(),
                e.businessDate(),
                e.receivedAt(),
                null);
    }

    // ------------------------------------------------------------------ what the batch holds so far

    Optional<AcceptedPurchase> acceptedWithTtsn(String terminalId, long ttsn) {
        return Optional.ofNullable(batchByTtsn.get(new TtsnKey(terminalId, ttsn)));
    }

    Optional<AcceptedPurchase> acceptedWithSeq(String asn, int offlineSeq) {
        return Optional.ofNullable(batchBySeq.get(new SeqKey(asn, offlineSeq)));
    }

    /** A record of this batch held for this card and counter. */
    Optional<QuarantineEntry> heldInBatch(String asn, int offlineSeq) {
        for (QuarantineEntry e : entries) {
            if (QuarantineEntry.HELD.equals(e.status())
                    && asn.equals(e.asn())
                    && Integer.valueOf(offlineSeq).equals(e.offlineSeq())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    BatchResult result(long amount) {
        return new BatchResult(
                String.join("", results), size(), acceptedCount, duplicateCount, quarantinedCount, amount, false);
    }
}
