package org.citycard.clearing.ingest;

import org.citycard.dictionary.record.OfflineRecord;
import org.citycard.dictionary.wire.QuarantineReason;
import org.springframework.stereotype.Component;

/**
 * Terminal and TAC: the record's terminal is registered (UNKNOWN_TERMINAL otherwise) and its TAC verifies with the
 * card's DTK under the server's key version and algorithm (TAC_INVALID otherwise). Before any counter is looked at,
 * so a forged record never touches the card's chain.
 */
@Component
public class TacStep implements IngestStep {
    private final TacVerifier tacs;

    public TacStep(TacVerifier tacs) {
        this.tacs = tacs;
    }

    @Override
    public Next check(BatchContext batch, RecordContext rc) {
        RecordRules.Verdict v = verdict(rc.record(), batch.lookups());
        if (!v.passed()) {
            batch.quarantine(rc, v.reason(), v.detail());
            return Next.DECIDED;
        }
        return Next.CONTINUE;
    }

    RecordRules.Verdict verdict(OfflineRecord r, RecordRules.Lookups lookups) {
        if (lookups.terminal(r.terminalId()).isEmpty()) {
            return new RecordRules.Verdict(
                    QuarantineReason.UNKNOWN_TERMINAL, "terminal " + r.terminalId() + " is not registered");
        }
        String unsupported = tacs.unsupported(r);
        if (unsupported != null) {
            return new RecordRules.Verdict(QuarantineReason.TAC_INVALID, "TAC cannot be verified: " + unsupported);
        }
        if (!tacs.verify(r)) {
            return new RecordRules.Verdict(QuarantineReason.TAC_INVALID, "TAC does not verify with the card's DTK");
        }
        return RecordRules.Verdict.PASS;
    }
}
