package org.citycard.issuance.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.citycard.dictionary.validate.CitizenId;
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
 * Comparison (比对) of applications with the imported population registry and with the existing holders: the ID
 * is in the registry and registered; name, birth date and sex agree with it; the person holds no other card in use;
 * no other application or holder looks like the same person (same name, birth date and sex under another ID, or the
 * same photograph). A clean application moves to VERIFIED; anything found is kept for a reviewer ({@link
 * ReviewService}).
 */
public final class ComparisonService {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final AuditLog audit;
    private final Workflow workflow;
    private final Clock clock;

    public ComparisonService(Database db, AuditLog audit, Workflow workflow, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.workflow = workflow;
        this.clock = clock;
    }

    /** The outcome of comparing one application. */
    public record Result(long applicationId, boolean passed, List<Finding> findings) {
        public boolean hasBlocking() {
            return findings.stream().anyMatch(Finding::blocking);
        }
    }

    /** Compares one application in state APPLIED. */
    public Result compare(Staff actor, long applicationId) {
        actor.require(db, Permission.COMPARE);
        return db.inTransaction(c -> compare(c, actor, applicationId));
    }

    /** Compares every application in state APPLIED that no reviewer has decided on. */
    public List<Result> compareAll(Staff actor) {
        actor.require(db, Permission.COMPARE);
        List<Long> ids = db.read(c -> CardRepository.byState(c, CardState.APPLIED, Integer.MAX_VALUE).stream()
                .map(CardRecord::id)
                .toList());
        List<Result> out = new ArrayList<>();
        for (long id : ids) {
            out.add(db.inTransaction(c -> compare(c, actor, id)));
        }
        return out;
    }

    private Result compare(Connection c, Staff actor, long applicationId) throws SQLException {
        CardRecord app = CardRepository.get(c, applicationId);
        if (app.state() != CardState.APPLIED) {
            throw new IllegalStateException(
                    "application " + applicationId + " is " + app.state().label() + "; only applications in state "
                            + CardState.APPLIED.label() + " are compared");
        }
        Citizen citizen = Citizen.find(c, app.citizenId()).orElseThrow();
        List<Finding> findings = new ArrayList<>();
        registry(c, citizen, findings);
        holders(c, app, citizen, findings);
        boolean passed = findings.isEmpty();
        Instant now = clock.instant();
        String json = toJson(findings);
        int n = Database.update(
                c,
                "UPDATE comparison SET outcome = ?, findings = ?, compared_at = ?, compared_by = ?, decision = NULL,"
                        + " decision_reason = NULL, decided_at = NULL, decided_by = NULL WHERE card_id = ?",
                passed ? "PASSED" : "FLAGGED",
                json,
                Timestamp.from(now),
                actor.username(),
                applicationId);
        if (n == 0) {
            Database.update(
                    c,
                    "INSERT INTO comparison (card_id, outcome, findings, compared_at, compared_by) VALUES (?, ?, ?, ?, ?)",
                    applicationId,
                    passed ? "PASSED" : "FLAGGED",
                    json,
                    Timestamp.from(now),
                    actor.username());
        }
        audit.record(
                c,
                actor,
                AuditAction.COMPARE,
                app.citizenId(),
                null,
                "application " + applicationId
                        + (passed
                                ? " passed"
                                : " flagged: "
                                        + findings.stream()
                                                .map(f -> f.kind().name())
                                                .toList()));
        if (passed) {
            workflow.move(c, actor, applicationId, CardState.VERIFIED, "comparison passed");
        }
        return new Result(applicationId, passed, findings);
    }

    private void registry(Connection c, Citizen citizen, List<Finding> out) throws SQLException {
        Optional<RegistryPerson> found = RegistryImport.find(c, citizen.citizenId());
        if (found.isEmpty()) {
            out.add(Finding.Kind.NOT_IN_REGISTRY.with("the ID number is not in the imported population registry"));
            return;
        }
        RegistryPerson p = found.get();
        if (!p.registered()) {
            out.add(Finding.Kind.DEREGISTERED.with(
                    "the registry lists the person as deregistered (status " + p.status() + ")"));
        }
        if (!p.name().strip().equals(citizen.name().strip())) {
            out.add(Finding.Kind.NAME_MISMATCH.with("name captured " + citizen.name() + ", registry " + p.name()));
        }
        if (!p.birthDate().equals(citizen.birthDate())) {
            out.add(Finding.Kind.BIRTH_DATE_MISMATCH.with(
                    "birth date captured " + citizen.birthDate() + ", registry " + p.birthDate()));
        }
        if (!p.sex().equals(citizen.sex())) {
            out.add(Finding.Kind.SEX_MISMATCH.with("sex captured " + citizen.sex() + ", registry " + p.sex()));
        }
        if (!p.ethnicity().equals(citizen.ethnicity())) {
            out.add(Finding.Kind.ETHNICITY_MISMATCH.with(
                    "ethnicity captured " + citizen.ethnicity() + ", registry " + p.ethnicity()));
        }
    }

    private void holders(Connection c, CardRecord app, Citizen citizen, List<Finding> out) throws SQLException {
        for (CardRecord other : CardRepository.byCitizen(c, citizen.citizenId())) {
            if (other.id() == app.id()) {
                continue;
            }
            if (other.state().holdsCard()) {
                out.add(Finding.Kind.ACTIVE_CARD_EXISTS.with("the person already has card " + other.id() + " in state "
                        + other.state().label() + "; one card per person"));
            } else if (other.state() == CardState.APPLIED) {
                out.add(Finding.Kind.DUPLICATE_APPLICATION.with(
                        "application " + other.id() + " of the same person is open"));
            }
        }
        if (app.replacesId() != null) {
            CardRecord old = CardRepository.get(c, app.replacesId());
            if (old.state() != CardState.LOST && old.state() != CardState.EXPIRED) {
                out.add(Finding.Kind.REPLACED_CARD_NOT_ENDED.with("card " + old.id()
                        + " that this application replaces is " + old.state().label() + ", not lost or expired"));
            }
        }
        List<String> lookAlikes = Database.query(
                c,
                "SELECT citizen_id FROM citizen WHERE name = ? AND birth_date = ? AND sex = ? AND citizen_id <> ?",
                rs -> rs.getString(1),
                citizen.name(),
                Date.valueOf(citizen.birthDate()),
                citizen.sex(),
                citizen.citizenId());
        for (String other : lookAlikes) {
            out.add(Finding.Kind.SUSPECTED_DUPLICATE_PERSON.with("same name, birth date and sex as the person with ID "
                    + CitizenId.mask(other) + "; check the ID documents"));
        }
        if (citizen.photoSha256() != null) {
            List<String> samePhoto = Database.query(
                    c,
                    "SELECT citizen_id FROM citizen WHERE photo_sha256 = ? AND citizen_id <> ?",
                    rs -> rs.getString(1),
                    citizen.photoSha256(),
                    citizen.citizenId());
            for (String other : samePhoto) {
                out.add(Finding.Kind.SAME_PHOTO.with(
                        "the same photograph was enrolled for ID " + CitizenId.mask(other)));
            }
        }
    }

    /** The last comparison of an application, with the reviewer's decision when there is one. */
    public record Stored(
            long applicationId,
            String outcome,
            List<Finding> findings,
            Instant comparedAt,
            String comparedBy,
            String decision,
            String decisionReason,
            String decidedBy) {}

    public static Optional<Stored> stored(Connection c, long applicationId) throws SQLException {
        return Database.first(
                c,
                "SELECT * FROM comparison WHERE card_id = ?",
                rs -> new Stored(
                        rs.getLong("card_id"),
                        rs.getString("outcome"),
                        fromJson(rs.getString("findings")),
                        rs.getTimestamp("compared_at").toInstant(),
                        rs.getString("compared_by"),
                        rs.getString("decision"),
                        rs.getString("decision_reason"),
                        rs.getString("decided_by")),
                applicationId);
    }

    private static String toJson(List<Finding> findings) {
        try {
            return JSON.writeValueAsString(findings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Finding> fromJson(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<Finding>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored findings are not readable: " + e.getOriginalMessage(), e);
        }
    }
}
