package org.citycard.clearing.ingest;

import java.util.Optional;
import org.citycard.clearing.reference.Department;
import org.citycard.clearing.reference.Terminal;
import org.citycard.clearing.support.BusinessCalendar;
import org.citycard.dictionary.CodeTable;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.record.OfflineRecord;
import org.citycard.dictionary.wire.QuarantineReason;
import org.springframework.stereotype.Component;

/**
 * Hotlist and department, the last checks before a record is accepted: a record the card made on or after its
 * hotlisting is HOTLISTED (one made before still counts), its department must be registered (UNKNOWN_DEPARTMENT)
 * and be its terminal's own (DEPARTMENT_MISMATCH, DESIGN §3.8) — unless the terminal belongs to a department whose
 * category collects for any department (the dictionary's department-category attribute {@code collectsForAny}: the
 * clearing centre's counters and kiosks take bills for every department). Held records that become placeable later
 * pass the same check ({@link HeldRecords}).
 */
@Component
public class HotlistDepartmentStep implements IngestStep {
    private static final CodeTable CATEGORIES = Dictionary.standard().codeTable("department-category");

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
        Optional<Terminal> terminal = lookups.terminal(r.terminalId());
        if (terminal.isPresent()
                && !terminal.get().departmentCode().equals(r.departmentCode())
                && !collectsForAny(lookups.department(terminal.get().departmentCode()))) {
            return new RecordRules.Verdict(
                    QuarantineReason.DEPARTMENT_MISMATCH,
                    "record for department " + r.departmentCode() + " made at terminal " + r.terminalId()
                            + " of department " + terminal.get().departmentCode()
                            + ": a terminal takes payments for its own department only");
        }
        return RecordRules.Verdict.PASS;
    }

    /** Whether the department's category takes payments for any department (department-category collectsForAny). */
    static boolean collectsForAny(Optional<Department> department) {
        return department
                .flatMap(d -> CATEGORIES.find(d.category()))
                .map(c -> "true".equals(c.attr("collectsForAny")))
                .orElse(false);
    }
}
