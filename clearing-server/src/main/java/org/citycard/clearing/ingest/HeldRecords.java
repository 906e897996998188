package org.citycard.clearing.ingest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.citycard.clearing.support.IdAllocator;
import org.citycard.dictionary.record.OfflineRecord;
import org.citycard.dictionary.wire.QuarantineReason;
import org.springframework.stereotype.Component;

/**
 * Records held in quarantine for a counter gap or a chain break are looked at again whenever the card's chain
 * moves (a record or a load completion arrives). One that now fits every check is released into the ledger; one
 * whose counter was taken by another record stays quarantined for staff.
 */
@Component
public class HeldRecords {
    private final QuarantineRepository quarantine;
    private final HotlistDepartmentStep hotlistAndDepartment;
    private final IdAllocator ids;

    public HeldRecords(QuarantineRepository quarantine, HotlistDepartmentStep hotlistAndDepartment, IdAllocator ids) {
        this.quarantine = quarantine;
        this.hotlistAndDepartment = hotlistAndDepartment;
        this.ids = ids;
    }

    /** A released record: the quarantine entry it leaves and the purchase it becomes. */
    public record Released(long entryId, AcceptedPurchase purchase) {}

    /** Releases what fits now, moving the chain; the caller posts the purchases and saves the chain. */
    public List<Released> release(CardChain chain, RecordRules.Lookups lookups) {
        List<Released> released = new ArrayList<>();
        if (chain.held() <= 0) {
            return released;
        }
        // The caller marks released entries in the quarantine only after this returns, so a later pass of the
        // loop still reads them as held: skip those already released here, or they would be closed as taken.
        Set<Long> releasedIds = new HashSet<>();
        boolean progress = true;
        while (progress && chain.held() > 0) {
            progress = false;
            for (QuarantineEntry e : quarantine.held(chain.asn())) {
                if (releasedIds.contains(e.id())) {
                    continue;
                }
                OfflineRecord r = QuarantineRepository.recordOf(e);
                CardChain.Placement p = chain.place(r);
                if (p.fit() == CardChain.Fit.SEQ_USED) {
                    quarantine.close(
                            e.id(),
                            e.detail() + "; offline seq " + r.offlineSeq() + " was taken by another" + " record");
                    chain.heldReleased();
                    continue;
                }
                if (p.fit() == CardChain.Fit.GAP) {
                    break;
                }
                if (p.fit() == CardChain.Fit.CHAIN_BREAK) {
                    if (e.reason() != QuarantineReason.BALANCE_CHAIN) {
                        quarantine.reclassify(e.id(), QuarantineReason.BALANCE_CHAIN, p.detail());
                    }
                    break;
                }
                RecordRules.Verdict v = hotlistAndDepartment.verdict(r, chain, lookups);
                if (!v.passed()) {
                    quarantine.reclassify(e.id(), v.reason(), v.detail());
                    quarantine.close(e.id(), v.detail());
                    chain.heldReleased();
                    continue;
                }
                long id = ids.next("purchase");
                long previous = chain.accept(r, p, id);
                chain.heldReleased();
                AcceptedPurchase purchase = new AcceptedPurchase(
                        id, r, lookups.fee(r), p.onlineSeqAfter(), e.batchTerminal(), e.batchNumber(), previous);
                released.add(new Released(e.id(), purchase));
                releasedIds.add(e.id());
                progress = true;
                break;
            }
        }
        return released;
    }
}
