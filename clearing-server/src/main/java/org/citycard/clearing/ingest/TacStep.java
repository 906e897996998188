package org.citycard.clearing.ingest;

import org.citycard.dictionary.record.OfflineRecord;
import org.citycard.dictionary.wire.QuarantineReason;
import org.springframework.stereotype.Component;

/**
 * Terminal and TAC: the record's terminal is registered (UNKNOWN_TERMINAL otherwise), it is the terminal that
 * uploaded the batch (OTHER_TERMINAL otherwise: a terminal uploads only what it made itself, DESIGN §3.8) and the
 * record's TAC verifies with the card's DTK under the server's key version and algorithm (TAC_INVALID otherwise).
 * Before any counter is looked at, so a forged or foreign record never touches the card's chain.
 */
@Component
public class TacStep implements IngestStep {
    private final TacVerifier tacs;

    public TacStep(TacVerifier tacs) {
        this.tacs = tacs;
    }

    @Override
    public Next check(BatchContext batch, RecordContext rc) {
        RecordRules.Verdict v = verdict(rc.record(), batch.batch.terminalId(), batch.lookups());
        if (!v.passed()) {
            batch.quarantine(rc, v.reason(), v.detail());
            return Next.DECIDED;
        }
        return Next.CONTINUE;
    }

    /** The verdict on a record uploaded by terminal {@code uploader}. */
    RecordRules.Verdict verdict(OfflineRecord r, String uploader, RecordRules.Lookups lookups) {
        if (lookups.terminal(r.terminalId()).isEmpty()) {
            return new RecordRules.Verdict(
                    QuarantineReason.UNKNOWN_TERMINAL, "terminal " + r.terminalId() + " is not registered");
        }
        if (!r.terminalId().equals(uploader)) {
            return new RecordRules.Verdict(
                    QuarantineReason.OTHER_TERMINAL,
                    "record of terminal " + r.terminalId() + " uploaded by terminal " + uploader
                            + ": a terminal uploads only the records it made");
        }
        String retired = tacs.retired(r);
        if (retired != null) {
            return new RecordRules.Verdict(QuarantineReason.KEY_VERSION_RETIRED, retired);
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
