package org.citycard.clearing.ingest;

import org.citycard.dictionary.wire.QuarantineReason;
import org.springframework.stereotype.Component;

/**
 * Chain: a record whose offline counter is ahead of the card's next one is held as a COUNTER_GAP, one with the right
 * counter whose balance before does not follow from the chain and the loads in between is held as a BALANCE_CHAIN;
 * both wait for the record or load they miss ({@link HeldRecords}). A record that fits goes on.
 */
@Component
public class ChainStep implements IngestStep {

    @Override
    public Next check(BatchContext batch, RecordContext rc) {
        CardChain.Placement p = rc.placement();
        if (p.fit() == CardChain.Fit.FITS) {
            return Next.CONTINUE;
        }
        if (p.fit() == CardChain.Fit.SEQ_USED) {
            throw new IllegalStateException("record " + rc.index() + ": a used counter reached the chain step");
        }
        batch.quarantine(
                rc,
                p.fit() == CardChain.Fit.GAP ? QuarantineReason.COUNTER_GAP : QuarantineReason.BALANCE_CHAIN,
                p.detail());
        rc.chain().heldAdded();
        return Next.DECIDED;
    }
}
