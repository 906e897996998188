package org.citycard.issuance.perso;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.citycard.cardlink.CardConnection;
import org.citycard.cardlink.TimedTransport;
import org.citycard.cardlink.perso.CardPersonaliser;
import org.citycard.cardlink.perso.CardProfile;
import org.citycard.cardlink.perso.PsamPersonaliser;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.issuance.audit.AuditAction;
import org.citycard.issuance.audit.AuditLog;
import org.citycard.issuance.enrolment.Citizen;
import org.citycard.issuance.server.CardRegistryClient;
import org.citycard.issuance.server.CardReport;
import org.citycard.issuance.server.ServerException;
import org.citycard.issuance.staff.Permission;
import org.citycard.issuance.staff.Staff;
import org.citycard.issuance.store.Database;
import org.citycard.issuance.workflow.CardRecord;
import org.citycard.issuance.workflow.CardRepository;
import org.citycard.issuance.workflow.CardState;
import org.citycard.issuance.workflow.Workflow;

/**
 * Batch production: a batch takes verified applications into production (each gets its ASN, card number and dates
 * once), and a run personalises its cards one after the other. The state of each card of the batch is in the
 * database: a card is DONE in the same transaction that moves it to PERSONALISED, so a run stopped at any point
 * (a torn card, a crash, Ctrl-C) is resumed by running the batch again: finished cards are skipped, the card that
 * was in the middle is recognised in the reader and redone or verified, and no card is personalised twice.
 */
public final class ProductionService {
    private final Database db;
    private final Dictionary dict;
    private final AuditLog audit;
    private final Workflow workflow;
    private final Clock clock;
    private final Numbering numbering;

    public ProductionService(Database db, Dictionary dict, AuditLog audit, Workflow workflow, Clock clock) {
        this.db = db;
        this.dict = dict;
        this.audit = audit;
        this.workflow = workflow;
        this.clock = clock;
        this.numbering = new Numbering(dict);
    }

    /** A batch as stored. */
    public record Batch(long id, String keySet, int size, int done, boolean finished) {}

    /**
     * Creates a batch of up to {@code count} verified applications, oldest first, for a key set.
     *
     * @throws IllegalStateException when no application is verified
     */
    public Batch create(Staff operator, int count, String keySetName) {
        operator.require(Permission.PRODUCE);
        if (count < 1) {
            throw new IllegalArgumentException("a batch holds at least one card, not " + count);
        }
        return db.inTransaction(c -> {
            List<CardRecord> verified = CardRepository.byState(c, CardState.VERIFIED, count);
            if (verified.isEmpty()) {
                throw new IllegalStateException("no verified application is waiting for production");
            }
            long batchId = Database.insert(
                    c,
                    "INSERT INTO production_batch (created_at, created_by, key_set, size) VALUES (?, ?, ?, ?)",
                    Timestamp.from(clock.instant()),
                    operator.username(),
                    keySetName,
                    verified.size());
            LocalDate issue = today();
            LocalDate expiry =
                    issue.plusYears(dict.parameter("card_validity_years").asInt());
            int position = 0;
            for (CardRecord app : verified) {
                workflow.move(c, operator, app.id(), CardState.IN_PRODUCTION, "batch " + batchId);
                CardRepository.assignIdentity(
                        c, app.id(), numbering.nextAsn(c), numbering.nextCardNumber(c), issue, expiry, batchId);
                Database.update(
                        c,
                        "INSERT INTO batch_item (batch_id, card_id, position, status, attempts) VALUES (?, ?, ?, 'PENDING', 0)",
                        batchId,
                        app.id(),
                        ++position);
            }
            audit.record(
                    c,
                    operator,
                    AuditAction.BATCH_CREATE,
                    null,
                    null,
                    "batch " + batchId + " of " + verified.size() + " cards for key set " + keySetName);
            return new Batch(batchId, keySetName, verified.size(), 0, false);
        });
    }

    public Optional<Batch> batch(long batchId) {
        return db.read(c -> batch(c, batchId));
    }

    private static Optional<Batch> batch(Connection c, long batchId) throws SQLException {
        return Database.first(
                c,
                "SELECT b.id, b.key_set, b.size, b.finished_at, (SELECT COUNT(*) FROM batch_item i WHERE i.batch_id = b.id"
                        + " AND i.status = 'DONE') FROM production_batch b WHERE b.id = ?",
                rs -> new Batch(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(5), rs.getTimestamp(4) != null),
                batchId);
    }

    public List<Batch> batches() {
        return db.read(c -> {
            List<Long> ids = Database.query(c, "SELECT id FROM production_batch ORDER BY id", rs -> rs.getLong(1));
            List<Batch> out = new ArrayList<>();
            for (long id : ids) {
                out.add(batch(c, id).orElseThrow());
            }
            return out;
        });
    }

    /** The summary of a run. */
    public record Summary(
            long batchId,
            int total,
            int doneBefore,
            int personalisedNow,
            int verifiedExisting,
            int reportedToServer,
            int serverFailures,
            long elapsedNanos,
            long hostNanos,
            long apdus,
            String stoppedBy) {
        public int done() {
            return doneBefore + personalisedNow + verifiedExisting;
        }

        public boolean complete() {
            return done() == total;
        }
    }

    /**
     * Personalises every card of the batch not done yet.
     *
     * @param keys the key set the batch was made for
     * @return the summary; {@code stoppedBy} says why a run ended early (the card's error), null when complete
     */
    public Summary run(
            Staff operator,
            long batchId,
            KeySet keys,
            CardSource source,
            ProgressListener progress,
            CardRegistryClient server,
            String terminalId) {
        operator.require(Permission.PRODUCE);
        Batch batch = batch(batchId).orElseThrow(() -> new IllegalArgumentException("no production batch " + batchId));
        if (!batch.keySet().equals(keys.name())) {
            throw new IllegalArgumentException("batch " + batchId + " was made for key set " + batch.keySet() + ", not "
                    + keys.name() + ": every card of a batch is personalised with the same keys");
        }
        List<long[]> todo = db.read(c -> Database.query(
                c,
                "SELECT card_id, attempts FROM batch_item WHERE batch_id = ? AND status <> 'DONE' ORDER BY position",
                rs -> new long[] {rs.getLong(1), rs.getLong(2)},
                batchId));
        CardPersonaliser personaliser = new CardPersonaliser(dict, keys, terminalId);
        long start = System.nanoTime();
        long cardNanos = 0;
        long apdus = 0;
        int now = 0;
        int verified = 0;
        int reported = 0;
        int serverFailures = 0;
        String stoppedBy = null;
        audit.record(
                operator,
                AuditAction.BATCH_RUN,
                null,
                null,
                "batch " + batchId + ": " + todo.size() + " of " + batch.size() + " cards to do");
        progress.started(batchId, batch.size(), batch.done());
        for (long[] item : todo) {
            long cardId = item[0];
            CardProfile profile = db.read(c -> profile(c, cardId));
            markStarted(batchId, cardId);
            CardConnection connection = source.present("application " + cardId + ", ASN " + profile.asn());
            TimedTransport timed = new TimedTransport(connection.transport());
            CardPersonaliser.Outcome outcome;
            try {
                outcome = personaliser.personalise(timed, profile, personaliser.initialPin());
            } catch (RuntimeException e) {
                apdus += timed.apdus();
                cardNanos += timed.cardNanos();
                markFailed(operator, batchId, cardId, profile, e);
                source.done(connection, false);
                stoppedBy = "card " + profile.asn() + ": " + e.getMessage();
                break;
            }
            apdus += timed.apdus();
            cardNanos += timed.cardNanos();
            // reported before it is marked done: a crash in between only reports it again, which the server accepts
            boolean isReported = report(profile, server);
            markDone(operator, batchId, cardId, profile, outcome, isReported ? server.toString() : null);
            source.done(connection, true);
            if (outcome.personalisedNow()) {
                now++;
            } else {
                verified++;
            }
            if (isReported) {
                reported++;
            } else {
                serverFailures++;
            }
            progress.cardDone(profile.asn(), outcome);
        }
        if (stoppedBy == null) {
            db.inTransaction(c -> Database.update(
                    c,
                    "UPDATE production_batch SET finished_at = ? WHERE id = ? AND finished_at IS NULL",
                    Timestamp.from(clock.instant()),
                    batchId));
        }
        long elapsed = System.nanoTime() - start;
        return new Summary(
                batchId,
                batch.size(),
                batch.done(),
                now,
                verified,
                reported,
                serverFailures,
                elapsed,
                elapsed - cardNanos,
                apdus,
                stoppedBy);
    }

    /**
     * Personalises a terminal's PSAM and records it.
     *
     * @param terminalId the 12-digit terminal ID the PSAM will serve
     */
    public int personalisePsam(Staff operator, KeySet keys, CardConnection psam, String terminalId) {
        operator.require(Permission.PRODUCE);
        org.citycard.dictionary.validate.Rules.checkElement(dict, "terminal_id", terminalId);
        if (db.read(c -> Database.first(c, "SELECT terminal_id FROM psam WHERE terminal_id = ?", rs -> 1, terminalId))
                .isPresent()) {
            throw new IllegalStateException("a PSAM for terminal " + terminalId + " was personalised already");
        }
        int files = new PsamPersonaliser(dict, keys).personalise(psam.transport(), terminalId);
        db.inTransaction(c -> {
            Database.update(
                    c,
                    "INSERT INTO psam (terminal_id, key_set, personalised_at, personalised_by) VALUES (?, ?, ?, ?)",
                    terminalId,
                    keys.name(),
                    Timestamp.from(clock.instant()),
                    operator.username());
            audit.record(
                    c,
                    operator,
                    AuditAction.PSAM_PERSONALISE,
                    null,
                    null,
                    "PSAM of terminal " + terminalId + " with key set " + keys.name() + ", " + files
                            + " files verified");
            return null;
        });
        return files;
    }

    /** Reports a personalised card to the server; false (the card stays unreported) when the server fails. */
    private static boolean report(CardProfile p, CardRegistryClient server) {
        try {
            server.register(new CardReport(
                    p.asn(),
                    CardState.PERSONALISED.code(),
                    p.expiryDate().format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE),
                    0,
                    p.citizenId()));
            return true;
        } catch (ServerException e) {
            return false;
        }
    }

    private void markStarted(long batchId, long cardId) {
        db.inTransaction(c -> Database.update(
                c,
                "UPDATE batch_item SET status = 'IN_PROGRESS', attempts = attempts + 1, started_at = ? WHERE batch_id = ?"
                        + " AND card_id = ?",
                Timestamp.from(clock.instant()),
                batchId,
                cardId));
    }

    private void markDone(
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

    private void markFailed(Staff operator, long batchId, long cardId, CardProfile p, RuntimeException e) {
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

    /** What personalisation writes to a card of the batch. */
    static CardProfile profile(Connection c, long cardId) throws SQLException {
        CardRecord card = CardRepository.get(c, cardId);
        Citizen z = Citizen.find(c, card.citizenId()).orElseThrow();
        List<String> insurance = card.insurance() == null
                ? List.of()
                : Arrays.stream(card.insurance().split(";"))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList();
        return new CardProfile(
                card.asn(),
                card.cardNumber(),
                z.citizenId(),
                z.name(),
                z.sex(),
                z.ethnicity(),
                z.birthplace(),
                z.birthDate(),
                card.cardType(),
                card.issueDate(),
                card.expiryDate(),
                insurance);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneId.systemDefault()));
    }
}
