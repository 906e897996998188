package org.citycard.clearing.ingest;

import java.util.Optional;
import java.util.Set;
import org.citycard.dictionary.codec.Hex;
import org.citycard.dictionary.record.OfflineRecord;
import org.citycard.dictionary.wire.QuarantineReason;
import org.springframework.stereotype.Component;

/**
 * Duplicate: a record whose key was used already — its terminal's TTSN, its card's offline counter (by an accepted
 * purchase, in this batch or before), or a counter a held record waits on — is an exact copy received again
 * (REPEAT, answered 94, never posted) or a different record on a used key (Q2 DUPLICATE). Every other record goes
 * on with its place in the card's chain. The used TTSNs of a terminal are read once per batch, for the range of
 * TTSNs the batch holds; a used counter is the card chain's to tell (no per-record query).
 */
@Component
public class DuplicateStep implements IngestStep {
    private final PurchaseRepository purchases;
    private final QuarantineRepository quarantine;

    public DuplicateStep(PurchaseRepository purchases, QuarantineRepository quarantine) {
        this.purchases = purchases;
        this.quarantine = quarantine;
    }

    @Override
    public Next check(BatchContext batch, RecordContext rc) {
        OfflineRecord r = rc.record();
        Optional<AcceptedPurchase> sameTtsn = batch.acceptedWithTtsn(r.terminalId(), r.ttsn());
        if (sameTtsn.isPresent() || usedTtsns(batch, r.terminalId()).contains(r.ttsn())) {
            Optional<StoredPurchase> existing = sameTtsn.isPresent()
                    ? sameTtsn.map(DuplicateStep::stored)
                    : purchases.byTerminalTtsn(r.terminalId(), r.ttsn());
            duplicate(batch, rc, existing, "terminal " + r.terminalId() + " TTSN " + r.ttsn());
            return Next.DECIDED;
        }
        CardChain.Placement p = rc.chain().place(r);
        rc.put(RecordKey.PLACEMENT, p);
        switch (p.fit()) {
            case SEQ_USED -> {
                // Not looked up in the database: an exact copy of a stored purchase carries its terminal and TTSN,
                // found used above, so a record reaching here on a used counter is another record (Q2) whatever
                // the stored one holds; the card's chain knows the counter is used (and is its only guard: a counter
                // moves once, in the transaction that saves the chain WHERE version = ?; V3_37 dropped the index).
                Optional<StoredPurchase> inBatch =
                        batch.acceptedWithSeq(r.asn(), r.offlineSeq()).map(DuplicateStep::stored);
                duplicate(batch, rc, inBatch, p.detail());
                return Next.DECIDED;
            }
            case GAP, CHAIN_BREAK -> {
                // a copy of a record already held for this counter is not held a second time
                Optional<QuarantineEntry> held = heldFor(batch, r);
                if (held.isEmpty()) {
                    return Next.CONTINUE;
                }
                if (held.get().rawData().equals(Hex.of(rc.raw()))) {
                    batch.repeat(rc, "identical to held record " + held.get().id() + ", received again");
                } else {
                    batch.quarantine(
                            rc,
                            QuarantineReason.DUPLICATE,
                            "offline seq " + r.offlineSeq() + " of card " + r.asn() + " is held for record "
                                    + held.get().id() + " already");
                }
                return Next.DECIDED;
            }
            default -> {
                return Next.CONTINUE;
            }
        }
    }

    /** An exact copy of a received record answers 94; a different record on a used key is a Q2 duplicate. */
    private static void duplicate(
            BatchContext batch, RecordContext rc, Optional<StoredPurchase> existing, String what) {
        OfflineRecord r = rc.record();
        if (existing.isPresent() && existing.get().sameAs(r)) {
            batch.repeat(rc, "identical to accepted purchase " + existing.get().id() + ", received again");
            return;
        }
        batch.quarantine(
                rc,
                QuarantineReason.DUPLICATE,
                what + " belongs to "
                        + existing.map(p -> "accepted purchase " + p.id()).orElse("an earlier record")
                        + " already");
    }

    /** The record held (waiting for a gap or a chain break) for this card and counter, in this batch or before. */
    private Optional<QuarantineEntry> heldFor(BatchContext batch, OfflineRecord r) {
        Optional<QuarantineEntry> inBatch = batch.heldInBatch(r.asn(), r.offlineSeq());
        if (inBatch.isPresent()) {
            return inBatch;
        }
        return quarantine.held(r.asn()).stream()
                .filter(e -> Integer.valueOf(r.offlineSeq()).equals(e.offlineSeq()))
                .findFirst();
    }

    private Set<Long> usedTtsns(BatchContext batch, String terminal) {
        return batch.usedTtsns.computeIfAbsent(terminal, t -> {
            long[] range = batch.ttsnRange.get(t);
            return purchases.ttsnsBetween(t, range[0], range[1]);
        });
    }

    static StoredPurchase stored(AcceptedPurchase a) {
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
