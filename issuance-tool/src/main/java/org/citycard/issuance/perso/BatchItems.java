package org.citycard.issuance.perso;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.citycard.cardlink.perso.CardPersonaliser;
import org.citycard.cardlink.perso.CardProfile;
import org.citycard.issuance.audit.AuditAction;
import org.citycard.issuance.audit.AuditLog;
import org.citycard.issuance.staff.Staff;
import org.citycard.issuance.store.Database;
import org.citycard.issuance.workflow.CardRepository;
import org.citycard.issuance.workflow.CardState;
import org.citycard.issuance.workflow.Workflow;

/**
 * The state of each card of a batch in the database, which is what makes a run resumable: a card is DONE in the same
 * transaction that moves it to PERSONALISED and audits it; a failure keeps its (shortened) reason for the next run.
 */
final class BatchItems {
    private final Database db;
    private final AuditLog audit;
    private final Workflow workflow;
    private final Clock clock;

    BatchItems(Database db, AuditLog audit, Workflow workflow, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.workflow = workflow;
        this.clock = clock;
    }

    /** A card of the batch still to do, and how often it was tried. */
    record Item(long cardId, long attempts) {}

    List<Item> notDone(long batchId) {
        return db.read(c -> Database.query(
                c,
                "SELECT card_id, attempts FROM batch_item WHERE batch_id = ? AND status <> 'DONE' ORDER BY position",
                rs -> new Item(rs.getLong(1), rs.getLong(2)),
                batchId));
    }

    void markStarted(long batchId, long cardId) {
        db.inTransaction(c -> Database.update(
                c,
                "UPDATE batch_item SET status = 'IN_PROGRESS', attempts = attempts + 1, started_at = ? WHERE batch_id = ?"
                        + " AND card_id = ?",
                Timestamp.from(clock.instant()),
                batchId,
                cardId));
    }

    void markDone(
            Staff operator,
            long batchId,
            long cardId,
            CardProfile p,
            CardPersonaliser.Outcome outcome,
            String reportedTo) {
        db.inTransaction(c -> {
            Database.update(
                    c,
                    "UPDATE batch_item SET status = 'DONE', last_error = NULL, finished_at = ? WHERE batch_id = ? AND card_id = ?",
                    Timestamp.from(clock.instant()),
                    batchId,
                    cardId);
            workflow.move(c, operator, cardId, CardState.PERSONALISED, "batch " + batchId);
            audit.record(
                    c,
                    operator,
                    AuditAction.PERSONALISE,
                    p.citizenId(),
                    p.asn(),
                    "application " + cardId + ", batch " + batchId + ": purse " + outcome.purse() + ", SSSE "
                            + outcome.ssse() + ", " + outcome.filesVerified() + " files read back and verified");
            if (reportedTo != null) {
                CardRepository.setServerReported(c, cardId, true);
                audit.record(
                        c,
                        operator,
                        AuditAction.SERVER_REPORT,
                        p.citizenId(),
                        p.asn(),
                        "card reported to " + reportedTo);
            }
            return null;
        });
    }

    void markFailed(Staff operator, long batchId, long cardId, CardProfile p, RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String shortMessage = message.length() > 380 ? message.substring(0, 380) + "…" : message;
        db.inTransaction(c -> {
            Database.update(
                    c,
                    "UPDATE batch_item SET status = 'FAILED', last_error = ? WHERE batch_id = ? AND card_id = ?",
                    shortMessage,
                    batchId,
                    cardId);
            audit.record(
                    c,
                    operator,
                    AuditAction.PERSONALISE_FAILED,
                    p.citizenId(),
                    p.asn(),
                    "batch " + batchId + ": " + shortMessage);
            return null;
        });
    }
}
