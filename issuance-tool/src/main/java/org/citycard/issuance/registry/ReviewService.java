package org.citycard.issuance.registry;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.citycard.issuance.audit.AuditAction;
import org.citycard.issuance.audit.AuditLog;
import org.citycard.issuance.enrolment.Citizen;
import org.citycard.issuance.staff.Permission;
import org.citycard.issuance.staff.Staff;
import org.citycard.issuance.store.Database;
import org.citycard.issuance.workflow.CardRecord;
import org.citycard.issuance.workflow.CardRepository;
import org.citycard.issuance.workflow.CardState;
import org.citycard.issuance.workflow.Workflow;

/**
 * The reviewer's decision on an application the comparison flagged: approve (→ VERIFIED) or reject (→ REJECTED),
 * always with a reason. A reviewer cannot approve an application with a blocking finding, nor decide on an
 * application they enrolled themselves (four eyes).
 */
public final class ReviewService {
    private final Database db;
    private final AuditLog audit;
    private final Workflow workflow;
    private final Clock clock;

    public ReviewService(Database db, AuditLog audit, Workflow workflow, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.workflow = workflow;
        this.clock = clock;
    }

    /**
     * An application waiting for a decision as a reviewer sees it: the comparison's findings, the applicant as
     * enrolled and, beside it, the registry's record of the ID number (empty when the registry has none).
     */
    public record Item(
            ComparisonService.Stored comparison,
            CardRecord application,
            Citizen applicant,
            java.util.Optional<RegistryPerson> registry,
            String enrolledBy) {}

    /** The review queue with the applicants and their registry records (reviewers and supervisors). */
    public List<Item> queue(Staff actor) {
        List<ComparisonService.Stored> pending = pending(actor);
        return db.read(c -> {
            List<Item> out = new java.util.ArrayList<>();
            for (ComparisonService.Stored s : pending) {
                CardRecord app = CardRepository.get(c, s.applicationId());
                out.add(new Item(
                        s,
                        app,
                        Citizen.find(c, app.citizenId()).orElseThrow(),
                        RegistryImport.find(c, app.citizenId()),
                        enrolledBy(c, app.id())));
            }
            return out;
        });
    }

    /** Applications flagged by the comparison and waiting for a decision (reviewers and supervisors may list them). */
    public List<ComparisonService.Stored> pending(Staff actor) {
        actor.require(db, Permission.LIST_REVIEWS);
        return db.read(c -> {
            List<Long> ids = Database.query(
                    c,
                    "SELECT k.card_id FROM comparison k JOIN card a ON a.id = k.card_id"
                            + " WHERE k.outcome = 'FLAGGED' AND k.decision IS NULL AND a.state = ? ORDER BY k.card_id",
                    rs -> rs.getLong(1),
                    CardState.APPLIED.code());
            List<ComparisonService.Stored> out = new java.util.ArrayList<>();
            for (long id : ids) {
                out.add(ComparisonService.stored(c, id).orElseThrow());
            }
            return out;
        });
    }

    public CardRecord approve(Staff actor, long applicationId, String reason) {
        return decide(actor, applicationId, reason, true);
    }

    public CardRecord reject(Staff actor, long applicationId, String reason) {
        return decide(actor, applicationId, reason, false);
    }

    private CardRecord decide(Staff actor, long applicationId, String reason, boolean approve) {
        actor.require(db, Permission.REVIEW);
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a reviewer's decision needs a reason (--reason)");
        }
        return db.inTransaction(c -> {
            ComparisonService.Stored stored = ComparisonService.stored(c, applicationId)
                    .orElseThrow(() -> new IllegalStateException(
                            "application " + applicationId + " has not been compared yet: run 'issue compare' first"));
            CardRecord app = CardRepository.get(c, applicationId);
            if (!"FLAGGED".equals(stored.outcome()) || stored.decision() != null || app.state() != CardState.APPLIED) {
                throw new IllegalStateException("application " + applicationId + " is not waiting for a review (state "
                        + app.state().label() + ", comparison " + stored.outcome()
                        + (stored.decision() == null ? "" : ", already " + stored.decision()) + ")");
            }
            if (actor.username().equals(enrolledBy(c, applicationId))) {
                throw new IllegalStateException("four eyes: " + actor.username() + " enrolled application "
                        + applicationId + " and cannot review it; another reviewer must decide");
            }
            if (approve && stored.findings().stream().anyMatch(Finding::blocking)) {
                throw new IllegalStateException(
                        "application " + applicationId + " has blocking findings "
                                + stored.findings().stream()
                                        .filter(Finding::blocking)
                                        .map(f -> f.kind().name())
                                        .toList()
                                + " that a reviewer cannot approve: correct the data or the registry and compare again, or reject it");
            }
            Database.update(
                    c,
                    "UPDATE comparison SET decision = ?, decision_reason = ?, decided_at = ?, decided_by = ? WHERE card_id = ?",
                    approve ? "APPROVED" : "REJECTED",
                    reason,
                    Timestamp.from(clock.instant()),
                    actor.username(),
                    applicationId);
            audit.record(
                    c,
                    actor,
                    approve ? AuditAction.REVIEW_APPROVE : AuditAction.REVIEW_REJECT,
                    app.citizenId(),
                    null,
                    "application " + applicationId + ": " + reason);
            return workflow.move(
                    c,
                    actor,
                    applicationId,
                    approve ? CardState.VERIFIED : CardState.REJECTED,
                    (approve ? "approved by reviewer: " : "rejected by reviewer: ") + reason);
        });
    }

    private static String enrolledBy(Connection c, long applicationId) throws SQLException {
        return Database.first(
                        c,
                        "SELECT actor FROM card_history WHERE card_id = ? ORDER BY id",
                        rs -> rs.getString(1),
                        applicationId)
                .orElse("");
    }
}
