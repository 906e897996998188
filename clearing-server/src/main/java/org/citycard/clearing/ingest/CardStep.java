package org.citycard.clearing.ingest;

import org.citycard.dictionary.record.OfflineRecord;
import org.citycard.dictionary.wire.QuarantineReason;
import org.springframework.stereotype.Component;

/**
 * Card: the shadow accounts of every card of the batch are loaded at once (from the chain cache or one query; saved
 * with a version check at the end, {@link CardChainRepository}); a record of a card the server does not know is
 * quarantined UNKNOWN_CARD, the others carry their card's chain on.
 */
@Component
public class CardStep implements IngestStep {
    private final CardChainRepository chains;

    public CardStep(CardChainRepository chains) {
        this.chains = chains;
    }

    @Override
    public void prepare(BatchContext batch) {
        batch.chains = chains.load(batch.asns);
    }

    @Override
    public Next check(BatchContext batch, RecordContext rc) {
        OfflineRecord r = rc.record();
        CardChain chain = batch.chains.get(r.asn());
        if (chain == null) {
            batch.quarantine(rc, QuarantineReason.UNKNOWN_CARD, "card " + r.asn() + " is not registered");
            return Next.DECIDED;
        }
        rc.put(RecordKey.CHAIN, chain);
        return Next.CONTINUE;
    }
}
