package org.citycard.issuance.enrolment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.validate.CitizenId;
import org.citycard.dictionary.validate.Rules;
import org.citycard.issuance.audit.AuditAction;
import org.citycard.issuance.audit.AuditLog;
import org.citycard.issuance.staff.Permission;
import org.citycard.issuance.staff.Staff;
import org.citycard.issuance.store.Database;
import org.citycard.issuance.workflow.CardRepository;
import org.citycard.issuance.workflow.Workflow;

/**
 * Enrolment (采集): validates an applicant against the dictionary, stores (or updates) the citizen and opens an
 * application in state APPLIED, audited, in one transaction.
 */
public final class EnrolmentService {
    private final Database db;
    private final Dictionary dict;
    private final AuditLog audit;
    private final Workflow workflow;
    private final Clock clock;

    public EnrolmentService(Database db, Dictionary dict, AuditLog audit, Workflow workflow, Clock clock) {
        this.db = db;
        this.dict = dict;
        this.audit = audit;
        this.workflow = workflow;
        this.clock = clock;
    }

    public EnrolmentValidator validator() {
        return new EnrolmentValidator(dict, LocalDate.now(clock.withZone(ZoneId.systemDefault())));
    }

    /**
     * Enrols a citizen and opens an application.
     *
     * @return the application number
     * @throws EnrolmentRefusedException listing every field that breaks a rule (also audited, without values)
     */
    public long enrol(Staff actor, Applicant raw) {
        return enrol(actor, raw, null, "new card");
    }

    /** Enrols for a replacement or renewal of an earlier card. */
    public long enrol(Staff actor, Applicant raw, Long replacesId, String reason) {
        actor.require(Permission.ENROL);
        Applicant a = raw.normalised();
        List<FieldError> errors = validator().validate(a);
        if (!errors.isEmpty()) {
            audit.record(
                    actor,
                    AuditAction.ENROL_REFUSED,
                    validIdOrNull(a.citizenId()),
                    null,
                    "fields: "
                            + errors.stream().map(FieldError::field).distinct().toList());
            throw new EnrolmentRefusedException(errors);
        }
        byte[] photo = readPhoto(a);
        return db.inTransaction(c -> {
            upsertCitizen(c, actor, a, photo);
            long id = CardRepository.insertApplication(
                    c,
                    a.citizenId(),
                    a.cardType() == null ? "1" : a.cardType(),
                    replacesId,
                    a.insurance(),
                    clock.instant());
            workflow.created(c, actor, id, reason);
            audit.record(
                    c,
                    actor,
                    AuditAction.ENROL,
                    a.citizenId(),
                    null,
                    "application " + id + " (" + reason + ", card type " + (a.cardType() == null ? "1" : a.cardType())
                            + ", photo " + EnrolmentValidator.photoType(photo) + " " + photo.length + " bytes)");
            return id;
        });
    }

    /**
     * Opens an application for a citizen already enrolled, with the data and photograph on file (a replacement or a
     * renewal); it goes through comparison and production like any other.
     */
    public long reapply(
            Connection c,
            Staff actor,
            String citizenId,
            String cardType,
            Long replacesId,
            String insurance,
            String reason)
            throws SQLException {
        actor.require(Permission.ENROL);
        if (Citizen.find(c, citizenId).isEmpty()) {
            throw new IllegalStateException("the citizen " + CitizenId.mask(citizenId) + " is not enrolled");
        }
        long id = CardRepository.insertApplication(c, citizenId, cardType, replacesId, insurance, clock.instant());
        workflow.created(c, actor, id, reason);
        audit.record(
                c, actor, AuditAction.ENROL, citizenId, null, "application " + id + " (" + reason + ", data on file)");
        return id;
    }

    private void upsertCitizen(Connection c, Staff actor, Applicant a, byte[] photo) throws SQLException {
        CitizenId id = CitizenId.parse(
                a.citizenId(), dict.codeTable("region"), LocalDate.now(clock.withZone(ZoneId.systemDefault())));
        Object[] values = {
            a.name(),
            a.sex(),
            a.ethnicity(),
            Date.valueOf(Rules.date("birth_date", a.birthDate())),
            a.birthplace() == null ? id.region() : a.birthplace(),
            a.address(),
            a.phone(),
            a.education(),
            photo,
            EnrolmentValidator.photoType(photo).name(),
            sha256(photo),
            Timestamp.from(clock.instant()),
            actor.username(),
            a.citizenId()
        };
        int n = Database.update(
                c,
                "UPDATE citizen SET name = ?, sex = ?, ethnicity = ?, birth_date = ?, birthplace = ?, address = ?,"
                        + " phone = ?, education = ?, photo = ?, photo_type = ?, photo_sha256 = ?, enrolled_at = ?,"
                        + " enrolled_by = ? WHERE citizen_id = ?",
                values);
        if (n == 0) {
            Database.update(
                    c,
                    "INSERT INTO citizen (name, sex, ethnicity, birth_date, birthplace, address, phone, education, photo,"
                            + " photo_type, photo_sha256, enrolled_at, enrolled_by, citizen_id)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    values);
        }
    }

    /** The citizen as enrolled. */
    public Optional<Citizen> citizen(String citizenId) {
        return db.read(c -> Citizen.find(c, citizenId));
    }

    private static byte[] readPhoto(Applicant a) {
        try {
            return Files.readAllBytes(a.photo());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the photograph " + a.photo(), e);
        }
    }

    private String validIdOrNull(String id) {
        return id != null && id.length() == 18 ? id : null;
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
