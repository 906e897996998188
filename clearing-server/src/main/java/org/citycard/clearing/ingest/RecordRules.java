package org.citycard.clearing.ingest;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.citycard.clearing.reference.Department;
import org.citycard.clearing.reference.ReferenceRepository;
import org.citycard.clearing.reference.Terminal;
import org.citycard.clearing.support.BusinessCalendar;
import org.citycard.dictionary.record.OfflineRecord;
import org.citycard.dictionary.wire.QuarantineReason;
import org.springframework.stereotype.Component;

/**
 * The checks of one record that do not depend on the card's counters: layout rules, terminal, TAC, department and
 * hotlist. Looked-up reference data is cached for the duration of one {@link Lookups}.
 */
@Component
public class RecordRules {
    private final ReferenceRepository reference;
    private final TacVerifier tacs;
    private final BusinessCalendar calendar;

    public RecordRules(ReferenceRepository reference, TacVerifier tacs, BusinessCalendar calendar) {
        this.reference = reference;
        this.tacs = tacs;
        this.calendar = calendar;
    }

    /** A verdict: null reason when the record passed. */
    public record Verdict(QuarantineReason reason, String detail) {
        static final Verdict PASS = new Verdict(null, "");

        public boolean passed() {
            return reason == null;
        }
    }

    /** Money rules of the layout: a purchase of a positive amount that the balance before covers. */
    public Verdict money(OfflineRecord r) {
        if (!RecordTypes.isPurchase(r.recordType())) {
            return new Verdict(
                    QuarantineReason.MALFORMED,
                    "record type " + r.recordType() + " is not an offline purchase (06, 09) nor a block event ("
                            + RecordTypes.HOTLIST_BLOCK + ")");
        }
        if (r.amount() <= 0) {
            return new Verdict(QuarantineReason.MALFORMED, "amount 0: a purchase moves money");
        }
        if (r.amount() > r.balanceBefore()) {
            return new Verdict(
                    QuarantineReason.MALFORMED,
                    "amount " + r.amount() + " fen is above the balance before " + r.balanceBefore() + " fen");
        }
        return Verdict.PASS;
    }

    /** The record's terminal is registered; its TAC verifies with the card's DTK. */
    public Verdict terminalAndTac(OfflineRecord r, Lookups lookups) {
        if (lookups.terminal(r.terminalId()).isEmpty()) {
            return new Verdict(QuarantineReason.UNKNOWN_TERMINAL, "terminal " + r.terminalId() + " is not registered");
        }
        String unsupported = tacs.unsupported(r);
        if (unsupported != null) {
            return new Verdict(QuarantineReason.TAC_INVALID, "TAC cannot be verified: " + unsupported);
        }
        if (!tacs.verify(r)) {
            return new Verdict(QuarantineReason.TAC_INVALID, "TAC does not verify with the card's DTK");
        }
        return Verdict.PASS;
    }

    /** Hotlist (for records made on or after the listing) and the department. */
    public Verdict hotlistAndDepartment(OfflineRecord r, CardChain chain, Lookups lookups) {
        if (chain.hotlisted() && chain.hotlistedAt(calendar.instantOf(r.transactionDate(), r.transactionTime()))) {
            return new Verdict(QuarantineReason.HOTLISTED, "card is on the hotlist since before this record");
        }
        if (lookups.department(r.departmentCode()).isEmpty()) {
            return new Verdict(
                    QuarantineReason.UNKNOWN_DEPARTMENT, "department " + r.departmentCode() + " is not registered");
        }
        return Verdict.PASS;
    }

    public Lookups lookups() {
        return new Lookups();
    }

    /** Reference data looked up once per batch. */
    public final class Lookups {
        private final Map<String, Optional<Terminal>> terminals = new HashMap<>();
        private final Map<String, Optional<Department>> departments = new HashMap<>();

        public Optional<Terminal> terminal(String id) {
            return terminals.computeIfAbsent(id, reference::terminal);
        }

        public Optional<Department> department(String code) {
            return departments.computeIfAbsent(code, reference::department);
        }

        /** The fee of a purchase at the department's rate. */
        public long fee(OfflineRecord r) {
            return department(r.departmentCode()).map(d -> d.feeOf(r.amount())).orElse(0L);
        }
    }
}
