package org.citycard.clearing.ingest;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.citycard.clearing.reference.Department;
import org.citycard.clearing.reference.ReferenceRepository;
import org.citycard.clearing.reference.Terminal;
import org.citycard.dictionary.record.OfflineRecord;
import org.citycard.dictionary.wire.QuarantineReason;
import org.springframework.stereotype.Component;

/**
 * The rules of one record that do not depend on the card's counters, as the ingest steps apply them ({@link
 * LayoutStep}, {@link TacStep}, {@link HotlistDepartmentStep}), and the reference data one batch (or load
 * completion) looks up, cached for the duration of one {@link Lookups}.
 */
@Component
public class RecordRules {
    private final ReferenceRepository reference;
    private final TacStep tac;
    private final HotlistDepartmentStep hotlistAndDepartment;

    public RecordRules(ReferenceRepository reference, TacStep tac, HotlistDepartmentStep hotlistAndDepartment) {
        this.reference = reference;
        this.tac = tac;
        this.hotlistAndDepartment = hotlistAndDepartment;
    }

    /** A verdict: null reason when the record passed. */
    public record Verdict(QuarantineReason reason, String detail) {
        static final Verdict PASS = new Verdict(null, "");

        public boolean passed() {
            return reason == null;
        }
    }

    /** Money rules of the layout ({@link LayoutStep}). */
    public Verdict money(OfflineRecord r) {
        return LayoutStep.money(r);
    }

    /**
     * The record's terminal is registered and is {@code uploader}; its TAC verifies with the card's DTK ({@link
     * TacStep}).
     */
    public Verdict terminalAndTac(OfflineRecord r, String uploader, Lookups lookups) {
        return tac.verdict(r, uploader, lookups);
    }

    /**
     * Hotlist (for records made on or after the listing) and the department: registered, and the record's terminal's
     * own unless that terminal's department collects for any ({@link HotlistDepartmentStep}).
     */
    public Verdict hotlistAndDepartment(OfflineRecord r, CardChain chain, Lookups lookups) {
        return hotlistAndDepartment.verdict(r, chain, lookups);
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
