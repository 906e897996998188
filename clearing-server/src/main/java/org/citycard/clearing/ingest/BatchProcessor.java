package org.citycard.clearing.ingest;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.citycard.clearing.ledger.JournalKind;
import org.citycard.clearing.support.BusinessCalendar;
import org.citycard.clearing.support.IdAllocator;
import org.citycard.dictionary.codec.Hex;
import org.citycard.dictionary.record.OfflineRecord;
import org.citycard.dictionary.validate.ValidationException;
import org.citycard.dictionary.wire.QuarantineReason;
import org.citycard.dictionary.wire.ResponseCode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Processes one batch in one transaction: every record is checked (layout, terminal, TAC, card, duplicate,
 * counter gap, balance chain, hotlist, department) and either accepted into the ledger or quarantined with its
 * reason; then the batch and its per-record answer are stored. Nothing is answered before the commit.
 */
@Component
public class BatchProcessor {
    private final BatchRepository batches;
    private final CardChainRepository chains;
    private final PurchaseRepository purchases;
    private final QuarantineRepository quarantine;
    private final PurchasePosting posting;
    private final HeldRecords held;
    private final RecordRules rules;
    private final IdAllocator ids;
    private final BusinessCalendar calendar;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public BatchProcessor(
            BatchRepository batches,
            CardChainRepository chains,
            PurchaseRepository purchases,
            QuarantineRepository quarantine,
            PurchasePosting posting,
            HeldRecords held,
            RecordRules rules,
            IdAllocator ids,
            BusinessCalendar calendar,
            JdbcTemplate jdbc,
            Clock clock) {
        this.batches = batches;
        this.chains = chains;
        this.purchases = purchases;
        this.quarantine = quarantine;
        this.posting = posting;
        this.held = held;
        this.rules = rules;
        this.ids = ids;
        this.calendar = calendar;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The stored answer of a batch processed before, if any. */
    public Optional<BatchRepository.Stored> stored(String terminalId, String batchNumber) {
        return batches.find(terminalId, batchNumber);
    }

    @Transactional
    public BatchResult process(BatchUpload batch, String digest) {
        Optional<BatchRepository.Stored> before = batches.find(batch.terminalId(), batch.batchNumber());
        if (before.isPresent()) {
            return before.get().result();
        }
        Work w = new Work(batch, clock.instant(), calendar.currentBusinessDate());
        w.decode();
        w.chains = chains.load(w.asns);
        for (int i = 0; i < w.count; i++) {
            w.check(i);
        }
        quarantine.insert(w.entries);
        w.releaseHeld();
        long amount = w.accepted.stream().mapToLong(p -> p.record().amount()).sum();
        String ref = batch.terminalId() + "/" + batch.batchNumber();
        posting.post(JournalKind.PURCHASE_BATCH, w.accepted, w.day, ref, batch.terminalId(), w.now);
        posting.post(JournalKind.PURCHASE_RELEASE, w.released, w.day, "release " + ref, batch.terminalId(), w.now);
        w.storeEvents();
        chains.save(w.chains.values(), w.now);
        BatchResult result = new BatchResult(
                String.join("", w.results),
                w.count,
                w.acceptedCount,
                w.duplicateCount,
                w.quarantinedCount,
                amount,
                false);
        batches.insert(batch, digest, result, w.day, w.now);
        return result;
    }

    /** A record's card and offline counter within the batch. */
    private record SeqKey(String asn, int offlineSeq) {}

    /** A record's terminal and TTSN within the batch. */
    private record TtsnKey(String terminalId, long ttsn) {}

    /** The state of one batch while it is processed. */
    private final class Work {
        final BatchUpload batch;
        final Instant now;
        final String day;
        final int count;
        final String[] results;
        final OfflineRecord[] records;
        final byte[][] raws;
        final Set<String> asns = new LinkedHashSet<>();
        final Map<String, long[]> ttsnRange = new HashMap<>();
        final Map<String, Set<Long>> usedTtsns = new HashMap<>();
        final Map<TtsnKey, AcceptedPurchase> batchByTtsn = new HashMap<>();
        final Map<SeqKey, AcceptedPurchase> batchBySeq = new HashMap<>();
        final Map<Long, Integer> entryIndex = new HashMap<>();
        final List<AcceptedPurchase> accepted = new ArrayList<>();
        final List<AcceptedPurchase> released = new ArrayList<>();
        final List<QuarantineEntry> entries = new ArrayList<>();
        final List<OfflineRecord> events = new ArrayList<>();
        final RecordRules.Lookups lookups = rules.lookups();
        Map<String, CardChain> chains;
        int acceptedCount;
        int duplicateCount;
        int quarantinedCount;

        Work(BatchUpload batch, Instant now, String day) {
            this.batch = batch;
            this.now = now;
            this.day = day;
            this.count = batch.records().length / OfflineRecord.SIZE;
            this.results = new String[count];
            this.records = new OfflineRecord[count];
            this.raws = new byte[count][];
        }

        void decode() {
            for (int i = 0; i < count; i++) {
                raws[i] = Arrays.copyOfRange(batch.records(), i * OfflineRecord.SIZE, (i + 1) * OfflineRecord.SIZE);
                try {
                    OfflineRecord r = OfflineRecord.decode(raws[i]);
                    records[i] = r;
                    asns.add(r.asn());
                    ttsnRange.merge(r.terminalId(), new long[] {r.ttsn(), r.ttsn()}, (a, b) ->
                            new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
                } catch (ValidationException e) {
                    quarantine(i, null, QuarantineReason.MALFORMED, e.getMessage());
                }
            }
        }

        void check(int i) {
            OfflineRecord r = records[i];
            if (r == null) {
                return;
            }
            if (RecordTypes.HOTLIST_BLOCK.equals(r.recordType())) {
                events.add(r);
                results[i] = ResponseCode.APPROVED.code();
                return;
            }
            RecordRules.Verdict v = rules.money(r);
            if (v.passed()) {
                v = rules.terminalAndTac(r, lookups);
            }
            if (!v.passed()) {
                quarantine(i, r, v.reason(), v.detail());
                return;
            }
            CardChain chain = chains.get(r.asn());
            if (chain == null) {
                quarantine(i, r, QuarantineReason.UNKNOWN_CARD, "card " + r.asn() + " is not registered");
                return;
            }
            TtsnKey ttsnKey = new TtsnKey(r.terminalId(), r.ttsn());
            AcceptedPurchase sameTtsn = batchByTtsn.get(ttsnKey);
            if (sameTtsn != null || usedTtsns(r.terminalId()).contains(r.ttsn())) {
                Optional<StoredPurchase> existing = sameTtsn != null
                        ? Optional.of(stored(sameTtsn))
                        : purchases.byTerminalTtsn(r.terminalId(), r.ttsn());
                duplicate(i, r, existing, "terminal " + r.terminalId() + " TTSN " + r.ttsn());
                return;
            }
            CardChain.Placement p = chain.place(r);
            switch (p.fit()) {
                case SEQ_USED -> {
                    AcceptedPurchase inBatch = batchBySeq.get(new SeqKey(r.asn(), r.offlineSeq()));
                    Optional<StoredPurchase> existing = inBatch != null
                            ? Optional.of(stored(inBatch))
                            : purchases.byCardSeq(r.asn(), r.offlineSeq());
                    duplicate(i, r, existing, p.detail());
                }
                case GAP, CHAIN_BREAK -> {
                    // a copy of a record already held for this counter is not held a second time
                    Optional<QuarantineEntry> held = heldFor(r);
                    if (held.isPresent()) {
                        if (held.get().rawData().equals(Hex.of(raws[i]))) {
                            repeat(
                                    i,
                                    r,
                                    "identical to held record " + held.get().id() + ", received again");
                        } else {
                            quarantine(
                                    i,
                                    r,
                                    QuarantineReason.DUPLICATE,
                                    "offline seq " + r.offlineSeq() + " of card " + r.asn() + " is held for record "
                                            + held.get().id() + " already");
                        }
                        return;
                    }
                    boolean gap = p.fit() == CardChain.Fit.GAP;
                    quarantine(i, r, gap ? QuarantineReason.COUNTER_GAP : QuarantineReason.BALANCE_CHAIN, p.detail());
                    chain.heldAdded();
                }
                case FITS -> {
                    RecordRules.Verdict last = rules.hotlistAndDepartment(r, chain, lookups);
                    if (!last.passed()) {
                        quarantine(i, r, last.reason(), last.detail());
                        return;
                    }
                    chain.accept(r, p);
                    AcceptedPurchase a = new AcceptedPurchase(
                            ids.next("purchase"),
                            r,
                            lookups.fee(r),
                            p.onlineSeqAfter(),
                            batch.terminalId(),
                            batch.batchNumber());
                    accepted.add(a);
                    batchBySeq.put(new SeqKey(r.asn(), r.offlineSeq()), a);
                    batchByTtsn.put(ttsnKey, a);
                    results[i] = ResponseCode.APPROVED.code();
                    acceptedCount++;
                }
            }
        }

        /** An exact copy of a received record answers 94; a different record on a used key is a Q2 duplicate. */
        void duplicate(int i, OfflineRecord r, Optional<StoredPurchase> existing, String what) {
            if (existing.isPresent() && existing.get().sameAs(r)) {
                repeat(i, r, "identical to accepted purchase " + existing.get().id() + ", received again");
                return;
            }
            quarantine(
                    i,
                    r,
                    QuarantineReason.DUPLICATE,
                    what + " belongs to "
                            + existing.map(p -> "accepted purchase " + p.id()).orElse("an earlier record")
                            + " already");
        }

        /** The record held (waiting for a gap or a chain break) for this card and counter, in this batch or before. */
        Optional<QuarantineEntry> heldFor(OfflineRecord r) {
            for (QuarantineEntry e : entries) {
                if (QuarantineEntry.HELD.equals(e.status())
                        && r.asn().equals(e.asn())
                        && Integer.valueOf(r.offlineSeq()).equals(e.offlineSeq())) {
                    return Optional.of(e);
                }
            }
            return quarantine.held(r.asn()).stream()
                    .filter(e -> Integer.valueOf(r.offlineSeq()).equals(e.offlineSeq()))
                    .findFirst();
        }

        /** An exact copy of a record received before: recorded as REPEAT, answered 94, never posted. */
        void repeat(int i, OfflineRecord r, String detail) {
            QuarantineEntry e = entry(r, raws[i], QuarantineReason.DUPLICATE, detail);
            entries.add(new QuarantineEntry(
                    e.id(),
                    e.source(),
                    e.reason(),
                    QuarantineEntry.REPEAT,
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
                    null));
            results[i] = ResponseCode.DUPLICATE.code();
            duplicateCount++;
        }

        void quarantine(int i, OfflineRecord r, QuarantineReason reason, String detail) {
            QuarantineEntry e = entry(r, raws[i], reason, detail);
            entries.add(e);
            entryIndex.put(e.id(), i);
            results[i] = reason.code();
            quarantinedCount++;
        }

        QuarantineEntry entry(OfflineRecord r, byte[] raw, QuarantineReason reason, String detail) {
            return QuarantineEntry.ofRecord(
                    ids.next("quarantine"), reason, detail, r, raw, batch.terminalId(), batch.batchNumber(), day, now);
        }

        Set<Long> usedTtsns(String terminal) {
            return usedTtsns.computeIfAbsent(terminal, t -> {
                long[] range = ttsnRange.get(t);
                return purchases.ttsnsBetween(t, range[0], range[1]);
            });
        }

        /** Held records of the cards of this batch that fit now, including this batch's own. */
        void releaseHeld() {
            for (CardChain chain : chains.values()) {
                for (HeldRecords.Released rel : held.release(chain, lookups)) {
                    quarantine.release(rel.entryId(), rel.purchase().id());
                    Integer index = entryIndex.get(rel.entryId());
                    if (index != null) {
                        results[index] = ResponseCode.APPROVED.code();
                        quarantinedCount--;
                        acceptedCount++;
                        accepted.add(rel.purchase());
                    } else {
                        released.add(rel.purchase());
                    }
                }
            }
        }

        void storeEvents() {
            for (OfflineRecord r : events) {
                jdbc.update(
                        "INSERT INTO card_event (id, asn, record_type, terminal_id, txn_date, txn_time, batch_terminal,"
                                + " batch_number, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        ids.next("event"),
                        r.asn(),
                        r.recordType(),
                        r.terminalId(),
                        r.transactionDate(),
                        r.transactionTime(),
                        batch.terminalId(),
                        batch.batchNumber(),
                        Timestamp.from(now));
            }
        }

        StoredPurchase stored(AcceptedPurchase a) {
            OfflineRecord r = a.record();
            return new StoredPurchase(
                    a.id(),
                    r.asn(),
                    r.offlineSeq(),
                    r.terminalId(),
                    r.ttsn(),
                    r.amount(),
                    r.balanceBefore(),
                    r.transactionDate(),
                    r.transactionTime(),
                    r.tac());
        }
    }
}
