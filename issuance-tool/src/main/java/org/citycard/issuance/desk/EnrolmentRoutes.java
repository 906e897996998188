package org.citycard.issuance.desk;

import static org.citycard.issuance.desk.DeskApi.m;
import static org.citycard.issuance.desk.DeskInput.base64;
import static org.citycard.issuance.desk.DeskInput.blankToNull;
import static org.citycard.issuance.desk.DeskInput.number;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.citycard.dictionary.Code;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.validate.CitizenId;
import org.citycard.dictionary.validate.ValidationException;
import org.citycard.issuance.IssuanceTool;
import org.citycard.issuance.audit.Redaction;
import org.citycard.issuance.desk.DeskApi.Request;
import org.citycard.issuance.enrolment.Applicant;
import org.citycard.issuance.enrolment.Citizen;
import org.citycard.issuance.enrolment.CsvEnrolment;
import org.citycard.issuance.enrolment.EnrolmentRefusedException;
import org.citycard.issuance.enrolment.EnrolmentService;
import org.citycard.issuance.enrolment.EnrolmentValidator;
import org.citycard.issuance.enrolment.FieldError;
import org.citycard.issuance.staff.Permission;
import org.citycard.issuance.staff.Staff;
import org.citycard.issuance.workflow.CardRecord;
import org.citycard.issuance.workflow.CardRepository;
import org.citycard.issuance.workflow.CardState;

/**
 * Enrolment at the desk: the code tables and sizes the form is built from, each field checked as the clerk types it
 * by the dictionary's rule (an ID number also says what it gives and whether it is enrolled already), the photograph
 * checked, one applicant or a CSV file with its photographs enrolled, and an application shown and corrected while
 * it is not verified yet. The services decide; these routes only carry the fields to them and their answers back.
 */
final class EnrolmentRoutes {
    private final IssuanceTool tool;
    private final Dictionary dict;
    private final DeskViews views;

    EnrolmentRoutes(IssuanceTool tool, DeskViews views) {
        this.tool = tool;
        this.dict = tool.dictionary();
        this.views = views;
    }

    Object dictionary() {
        return m(
                "regions", codes("region"),
                "ethnicities", codes("ethnicity"),
                "sexes", codes("sex"),
                "education", codes("education"),
                "cardTypes", codes("card-type"),
                "nameBytes", dict.element("name").length(),
                "photo",
                        m(
                                "min",
                                dict.element("photo").minLength(),
                                "max",
                                dict.element("photo").maxLength()));
    }

    private List<Object> codes(String table) {
        List<Object> out = new ArrayList<>();
        for (Code c : dict.codeTable(table).codes()) {
            out.add(m("code", c.code(), "zh", c.zh(), "en", c.en()));
        }
        return out;
    }

    /** One field as the clerk types it: the dictionary's rule, and for an ID number what it gives. */
    Object check(Staff me, Request r) {
        me.require(Permission.ENROL);
        String field = r.required("field");
        String value = r.text("value") == null ? "" : r.text("value").strip();
        EnrolmentValidator v = tool.enrolment().validator();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("field", field);
        if (value.isEmpty()) {
            out.put("ok", false);
            out.put("rule", "a value is required 必填");
            return out;
        }
        if (field.equals("citizen_id")) {
            try {
                CitizenId id = CitizenId.parse(value, dict.codeTable("region"), today());
                out.put("ok", true);
                out.put("sex", id.sex());
                out.put("sexLabel", views.label("sex", id.sex()));
                out.put("birthDate", id.birthDate().format(DateTimeFormatter.BASIC_ISO_DATE));
                out.put("region", id.region());
                out.put("regionLabel", views.label("region", id.region()));
                tool.enrolment().openApplication(id.value()).ifPresent(open -> {
                    out.put("duplicate", true);
                    out.put(
                            "warning",
                            "已登记 Already enrolled: application " + open.id() + " ("
                                    + open.state().label() + ")"
                                    + (open.state().holdsCard() ? " — holds a card, one card per person" : ""));
                    out.put("existingApplication", open.id());
                });
            } catch (ValidationException e) {
                out.put("ok", false);
                out.put("rule", Redaction.clean(e.rule()));
            }
            return out;
        }
        Optional<FieldError> e = v.validateField(field, value);
        out.put("ok", e.isEmpty());
        e.ifPresent(x -> out.put("rule", x.rule()));
        if (field.equals("name")) {
            out.put("bytes", value.getBytes(Charset.forName("GB18030")).length);
            out.put("maxBytes", dict.element("name").length());
        }
        return out;
    }

    Object photo(Request r) {
        byte[] data = base64(r.required("data"));
        Optional<FieldError> e = tool.enrolment().validator().photoBytes("photo", data);
        return m(
                "ok",
                e.isEmpty(),
                "bytes",
                data.length,
                "rule",
                e.map(FieldError::rule).orElse(null));
    }

    private static Applicant applicant(Request r) {
        return new Applicant(
                r.text("citizen_id"),
                r.text("name"),
                blankToNull(r.text("sex")),
                r.text("ethnicity"),
                blankToNull(r.text("birth_date")),
                blankToNull(r.text("birthplace")),
                r.text("address"),
                r.text("phone"),
                blankToNull(r.text("education")),
                blankToNull(r.text("card_type")),
                r.text("insurance"),
                null);
    }

    Object enrol(Staff me, Request r) {
        String photo = r.text("photo");
        if (photo == null || photo.isBlank()) {
            throw new EnrolmentRefusedException(
                    List.of(FieldError.of("photo", "", "a photograph (JPEG or PNG) is required 需要照片")));
        }
        long app = tool.enrolment().enrol(me, applicant(r), base64(photo));
        return m("application", app, "state", CardState.APPLIED.label());
    }

    /** A CSV file and the photographs it names, uploaded together; each line's outcome. */
    Object enrolCsv(Staff me, Request r) {
        Path dir;
        try {
            dir = Files.createTempDirectory(tool.dataDir().toAbsolutePath(), "upload-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the upload in " + tool.dataDir(), e);
        }
        try {
            Path csv = dir.resolve("upload.csv");
            Files.write(csv, base64(r.required("csv")));
            JsonNode photos = r.body().path("photos");
            for (JsonNode p : photos) {
                String name =
                        Path.of(p.path("name").asText("photo")).getFileName().toString();
                Files.write(dir.resolve(name), base64(p.path("data").asText()));
            }
            String encoding = r.text("encoding") == null ? "UTF-8" : r.text("encoding");
            CsvEnrolment.Report report = tool.csvEnrolment().run(me, csv, Charset.forName(encoding));
            List<Object> lines = new ArrayList<>();
            for (CsvEnrolment.Row row : report.rows()) {
                lines.add(m(
                        "line", row.line(),
                        "id", row.maskedId(),
                        "application", row.applicationId(),
                        "existing", row.existingApplication(),
                        "errors",
                                row.errors().stream().map(FieldError::toString).toList()));
            }
            return m(
                    "enrolled", report.accepted().size(),
                    "refused", report.rejected().size(),
                    "already", report.alreadyEnrolled().size(),
                    "lines", lines);
        } catch (IOException e) {
            throw new IllegalArgumentException("the CSV upload cannot be read: " + e.getMessage(), e);
        } finally {
            deleteTree(dir);
        }
    }

    Object application(Staff me, Request r) {
        me.require(Permission.ENROL);
        long id = number(r.query().get("id"), "application");
        CardRecord app = tool.db().read(c -> CardRepository.get(c, id));
        Citizen z = tool.enrolment().citizen(app.citizenId()).orElseThrow();
        return m(
                "application", app.id(),
                "state", app.state().label(),
                "editable", app.state() == CardState.APPLIED,
                "citizenId", CitizenId.mask(z.citizenId()),
                "name", z.name(),
                "sex", views.label("sex", z.sex()),
                "birthDate", z.birthDate().toString(),
                "ethnicity", z.ethnicity(),
                "birthplace", z.birthplace(),
                "address", z.address(),
                "phone", z.phone(),
                "education", z.education(),
                "cardType", app.cardType(),
                "insurance", app.insurance(),
                "photo", views.photo(app.citizenId()));
    }

    Object edit(Staff me, Request r) {
        long id = number(r.required("application"), "application");
        String photo = r.text("photo");
        List<String> changed = tool.enrolment()
                .edit(
                        me,
                        id,
                        new EnrolmentService.Correction(
                                r.text("name"),
                                blankToNull(r.text("ethnicity")),
                                blankToNull(r.text("birthplace")),
                                r.text("address"),
                                r.text("phone"),
                                blankToNull(r.text("education")),
                                blankToNull(r.text("card_type")),
                                r.text("insurance"),
                                null,
                                photo == null || photo.isBlank() ? null : base64(photo)));
        return m("application", id, "changed", changed);
    }

    private LocalDate today() {
        return LocalDate.now(tool.clock().withZone(ZoneId.systemDefault()));
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a temporary upload; removed with the data directory at worst
                }
            });
        } catch (IOException ignored) {
            // as above
        }
    }
}
