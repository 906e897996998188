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
import org.citycard.issuance.workflow.CardRecord;
import org.citycard.issuance.workflow.CardRepository;
import org.citycard.issuance.workflow.CardState;
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
     * Enrols a citizen and opens an application. Sex and birth date left out are taken from the ID number.
     *
     * @return the application number
     * @throws EnrolmentRefusedException listing every field that breaks a rule (also audited, without values)
     * @throws AlreadyEnrolledException when the person has an application or a card that is not ended
     */
    public long enrol(Staff actor, Applicant raw) {
        return enrol(actor, raw, null, null, "new card");
    }

    /** Enrols with the photograph as bytes (an upload at the desk) instead of a file. */
    public long enrol(Staff actor, Applicant raw, byte[] photo) {
        return enrol(actor, raw, photo, null, "new card");
    }

    /** Enrols for a replacement or renewal of an earlier card. */
    public long enrol(Staff actor, Applicant raw, Long replacesId, String reason) {
        return enrol(actor, raw, null, replacesId, reason);
    }

    private long enrol(Staff actor, Applicant raw, byte[] photoData, Long replacesId, String reason) {
        actor.require(db, Permission.ENROL);
        EnrolmentValidator v = validator();
        Applicant a = v.derived(raw);
        List<FieldError> errors = v.validate(a, photoData);
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
        byte[] photo = photoData != null ? photoData : readPhoto(a);
        return db.inTransaction(c -> {
            if (replacesId == null) {
                Optional<CardRecord> open = openApplication(c, a.citizenId());
                if (open.isPresent()) {
                    throw new AlreadyEnrolledException(a.citizenId(), open.get());
                }
            }
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
     * The person's application or card that is not ended (any state but rejected, replaced or cancelled): while
     * there is one, the person is not enrolled again. A lost card is replaced and an expired one renewed instead.
     */
    public Optional<CardRecord> openApplication(String citizenId) {
        if (citizenId == null) {
            return Optional.empty();
        }
        String id = citizenId.strip().toUpperCase(java.util.Locale.ROOT);
        return db.read(c -> openApplication(c, id));
    }

    private static Optional<CardRecord> openApplication(Connection c, String citizenId) throws SQLException {
        return CardRepository.byCitizen(c, citizenId).stream()
                .filter(r -> !r.state().isFinal())
                .reduce((first, second) -> second);
    }

    /** What a clerk corrects on an application before it is verified; null fields stay as they are. */
    public record Correction(
            String name,
            String ethnicity,
            String birthplace,
            String address,
            String phone,
            String education,
            String cardType,
            String insurance,
            java.nio.file.Path photo,
            byte[] photoData) {
        /** Never the photograph's bytes. */
        @Override
        public String toString() {
            return "Correction" + changed();
        }

        List<String> changed() {
            List<String> out = new java.util.ArrayList<>();
            String[][] f = {
                {"name", name}, {"ethnicity", ethnicity}, {"birthplace", birthplace}, {"address", address},
                {"phone", phone}, {"education", education}, {"card_type", cardType}, {"insurance", insurance}
            };
            for (String[] x : f) {
                if (x[1] != null && !x[1].isBlank()) {
                    out.add(x[0]);
                }
            }
            if (photo != null || photoData != null) {
                out.add("photo");
            }
            return out;
        }
    }

    /**
     * Corrects an application that is still APPLIED (not yet verified): the citizen's data and the application's card
     * type and insurance. Every field is checked again as at enrolment; a comparison made before is void, so the
     * application is compared again. Sex and birth date are the ID number's and the ID number itself is not edited
     * (a wrong ID is another person: the reviewer rejects the application and the citizen is enrolled anew). Audited
     * with the names of the fields changed.
     *
     * @return the fields changed
     */
    public List<String> edit(Staff actor, long applicationId, Correction fix) {
        actor.require(db, Permission.ENROL);
        List<String> changed = fix.changed();
        if (changed.isEmpty()) {
            throw new IllegalArgumentException("nothing to correct: give at least one field (--name, --ethnicity, …)");
        }
        CardRecord app = db.read(c -> CardRepository.get(c, applicationId));
        if (app.state() != CardState.APPLIED) {
            throw new IllegalStateException(
                    "application " + applicationId + " is " + app.state().label()
                            + "; only an application in state " + CardState.APPLIED.label()
                            + " (not yet verified) can be corrected");
        }
        Citizen z = db.read(c -> Citizen.find(c, app.citizenId())).orElseThrow();
        byte[] photo = fix.photoData() != null
                ? fix.photoData()
                : fix.photo() != null ? readPhoto(fix.photo()) : storedPhoto(app.citizenId());
        Applicant a = new Applicant(
                        z.citizenId(),
                        pick(fix.name(), z.name()),
                        z.sex(),
                        pick(fix.ethnicity(), z.ethnicity()),
                        z.birthDate().format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE),
                        pick(fix.birthplace(), z.birthplace()),
                        pick(fix.address(), z.address()),
                        pick(fix.phone(), z.phone()),
                        pick(fix.education(), z.education()),
                        pick(fix.cardType(), app.cardType()),
                        pick(fix.insurance(), app.insurance()),
                        fix.photo())
                .normalised();
        List<FieldError> errors = validator().validate(a, photo);
        if (!errors.isEmpty()) {
            throw new EnrolmentRefusedException(errors);
        }
        return db.inTransaction(c -> {
            CardRecord now = CardRepository.get(c, applicationId);
            if (now.state() != CardState.APPLIED) {
                throw new IllegalStateException("application " + applicationId + " is "
                        + now.state().label() + " now; it can no longer be corrected");
            }
            upsertCitizen(c, actor, a, photo);
            Database.update(
                    c,
                    "UPDATE card SET card_type = ?, insurance = ?, updated_at = ? WHERE id = ?",
                    a.cardType() == null ? "1" : a.cardType(),
                    a.insurance(),
                    Timestamp.from(clock.instant()),
                    applicationId);
            int voided = Database.update(c, "DELETE FROM comparison WHERE card_id = ?", applicationId);
            audit.record(
                    c,
                    actor,
                    AuditAction.ENROL_EDIT,
                    app.citizenId(),
                    null,
                    "application " + applicationId + " corrected before verification: fields " + changed
                            + (voided > 0 ? "; the earlier comparison is void, compare again" : ""));
            return changed;
        });
    }

    private static String pick(String fix, String old) {
        return fix == null || fix.isBlank() ? old : fix;
    }

    /** The photograph on file of a citizen, or null. */
    public byte[] storedPhoto(String citizenId) {
        return db.read(c -> Database.first(
                        c, "SELECT photo FROM citizen WHERE citizen_id = ?", rs -> rs.getBytes(1), citizenId)
                .orElse(null));
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
        actor.require(db, Permission.ENROL);
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
        return readPhoto(a.photo());
    }

    private static byte[] readPhoto(java.nio.file.Path photo) {
        try {
            return Files.readAllBytes(photo);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the photograph " + photo, e);
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
