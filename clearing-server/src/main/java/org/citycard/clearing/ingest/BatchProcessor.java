package org.citycard.clearing.ingest;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.citycard.clearing.ledger.JournalKind;
import org.citycard.clearing.support.IdAllocator;
import org.citycard.dictionary.record.OfflineRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Processes one batch in one transaction: its records go through the ingest steps ({@link IngestSteps}: layout,
 * terminal and TAC, card, duplicate, chain, hotlist and department), each accepted or kept out with its reason; then
 * everything is written together — the quarantine entries, the held records the batch's cards release, one posting
 * per batch (and one for the released), the block events, the cards' chains, and the batch with its per-record
 * answer. Nothing is answered before the commit.
 */
@Component
public class BatchProcessor {
    private final BatchRepository batches;
    private final CardChainRepository chains;
    private final QuarantineRepository quarantine;
    private final PurchasePosting posting;
    private final HeldRecords held;
    private final IngestSteps steps;
    private final RecordRules rules;
    private final IdAllocator ids;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final org.citycard.clearing.support.DayGate gate;
    private final CardLocks cards;

    public BatchProcessor(
            BatchRepository batches,
            CardChainRepository chains,
            QuarantineRepository quarantine,
            PurchasePosting posting,
            HeldRecords held,
            IngestSteps steps,
            RecordRules rules,
            IdAllocator ids,
            JdbcTemplate jdbc,
            Clock clock,
            org.citycard.clearing.support.DayGate gate,
            CardLocks cards) {
        this.gate = gate;
        this.cards = cards;
        this.batches = batches;
        this.chains = chains;
        this.quarantine = quarantine;
        this.posting = posting;
        this.held = held;
        this.steps = steps;
        this.rules = rules;
        this.ids = ids;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The stored answer of a batch processed before, if any. */
    public Optional<BatchRepository.Stored> stored(String terminalId, String batchNumber) {
        return batches.find(terminalId, batchNumber);
    }

    @Transactional
    public BatchResult process(BatchUpload batch, String digest) {
        // on a shared database: the day held open and the batch's cards locked until this transaction ends
        String day = gate.enterBooking();
        cards.inDatabaseForRecords(batch.records());
        Optional<BatchRepository.Stored> before = batches.find(batch.terminalId(), batch.batchNumber());
        if (before.isPresent()) {
            return before.get().result();
        }
        BatchContext w = new BatchContext(
                batch, clock.instant(), day, batch.records().length / OfflineRecord.SIZE, rules.lookups(), ids);
        steps.run(w);
        quarantine.insert(w.entries);
        List<AcceptedPurchase> released = releaseHeld(w);
        long amount = w.accepted.stream().mapToLong(p -> p.record().amount()).sum();
        String ref = batch.terminalId() + "/" + batch.batchNumber();
        posting.post(JournalKind.PURCHASE_BATCH, w.accepted, w.day, ref, batch.terminalId(), w.now);
        posting.post(JournalKind.PURCHASE_RELEASE, released, w.day, "release " + ref, batch.terminalId(), w.now);
        storeEvents(w);
        chains.save(w.chains.values(), w.now);
        BatchResult result = w.result(amount);
        batches.insert(batch, digest, result, w.day, w.now);
        return result;
    }

    /**
     * Held records of the batch's cards that fit now, this batch's own included (those are answered 00 in this
     * batch); returns the released records of earlier batches, posted in their own journal.
     */
    private List<AcceptedPurchase> releaseHeld(BatchContext w) {
        List<AcceptedPurchase> released = new ArrayList<>();
        for (CardChain chain : w.chains.values()) {
            for (HeldRecords.Released rel : held.release(chain, w.lookups)) {
                quarantine.release(rel.entryId(), rel.purchase().id());
                Integer index = w.entryIndex.get(rel.entryId());
                if (index != null) {
                    w.releasedInBatch(index, rel.purchase());
                } else {
                    released.add(rel.purchase());
                }
            }
        }
        return released;
    }

    private void storeEvents(BatchContext w) {
        for (OfflineRecord r : w.events) {
            jdbc.update(
                    "INSERT INTO card_event (id, asn, record_type, terminal_id, transaction_date, transaction_time, batch_terminal,"
                            + " batch_number, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    ids.next("event"),
                    r.asn(),
                    r.recordType(),
                    r.terminalId(),
                    r.transactionDate(),
                    r.transactionTime(),
                    w.batch.terminalId(),
                    w.batch.batchNumber(),
                    Timestamp.from(w.now));
        }
    }
}
