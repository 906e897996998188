package org.citycard.clearing.ingest;

import org.citycard.clearing.support.BusinessCalendar;
import org.citycard.dictionary.record.OfflineRecord;
import org.citycard.dictionary.wire.QuarantineReason;
import org.springframework.stereotype.Component;

/**
 * Hotlist and department, the last checks before a record is accepted: a record the card made on or after its
 * hotlisting is HOTLISTED (one made before still counts), and its department must be registered
 * (UNKNOWN_DEPARTMENT). Held records that become placeable later pass the same check ({@link HeldRecords}).
 */
@Component
public class HotlistDepartmentStep implements IngestStep {
    private final BusinessCalendar calendar;

    public HotlistDepartmentStep(BusinessCalendar calendar) {
        this.calendar = calendar;
    }

    @Override
    public Next check(BatchContext batch, RecordContext rc) {
        RecordRules.Verdict v = verdict(rc.record(), rc.chain(), batch.lookups());
        if (!v.passed()) {
            batch.quarantine(rc, v.reason(), v.detail());
            return Next.DECIDED;
        }
        return Next.CONTINUE;
    }

    RecordRules.Verdict verdict(OfflineRecord r, CardChain chain, RecordRules.Lookups lookups) {
        if (chain.hotlisted() && chain.hotlistedAt(calendar.instantOf(r.transactionDate(), r.transactionTime()))) {
            return new RecordRules.Verdict(
                    QuarantineReason.HOTLISTED, "card is on the hotlist since before this record");
        }
        if (lookups.department(r.departmentCode()).isEmpty()) {
            return new RecordRules.Verdict(
                    QuarantineReason.UNKNOWN_DEPARTMENT, "department " + r.departmentCode() + " is not registered");
        }
        return RecordRules.Verdict.PASS;
    }
}
