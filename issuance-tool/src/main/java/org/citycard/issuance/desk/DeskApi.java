package org.citycard.issuance.desk;

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
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.citycard.cardlink.CardConnection;
import org.citycard.cardlink.pcsc.Readers;
import org.citycard.dictionary.Code;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.codec.Amounts;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.dictionary.validate.CitizenId;
import org.citycard.dictionary.validate.ValidationException;
import org.citycard.issuance.IssuanceTool;
import org.citycard.issuance.audit.AuditEntry;
import org.citycard.issuance.enrolment.Applicant;
import org.citycard.issuance.enrolment.Citizen;
import org.citycard.issuance.enrolment.CsvEnrolment;
import org.citycard.issuance.enrolment.EnrolmentRefusedException;
import org.citycard.issuance.enrolment.EnrolmentService;
import org.citycard.issuance.enrolment.EnrolmentValidator;
import org.citycard.issuance.enrolment.FieldError;
import org.citycard.issuance.life.CardLife;
import org.citycard.issuance.perso.ProductionService;
import org.citycard.issuance.registry.ComparisonService;
import org.citycard.issuance.registry.Finding;
import org.citycard.issuance.registry.ReviewService;
import org.citycard.issuance.server.CardRegistryClient;
import org.citycard.issuance.server.RefundAccount;
import org.citycard.issuance.server.ServerException;
import org.citycard.issuance.server.Settlement;
import org.citycard.issuance.staff.AccessDeniedException;
import org.citycard.issuance.staff.Permission;
import org.citycard.issuance.staff.Role;
import org.citycard.issuance.staff.Staff;
import org.citycard.issuance.store.Database;
import org.citycard.issuance.workflow.CardRecord;
import org.citycard.issuance.workflow.CardRepository;
import org.citycard.issuance.workflow.CardState;
import org.citycard.issuance.workflow.StatusService;
import org.citycard.issuance.workflow.Workflow;

/**
 * The desk's JSON API: each route checks the session (and the CSRF token of a POST), calls one service of the tool
 * as the command line does, and answers with what the page shows. Refusals are answered 400 (403 for a role, 404 for
 * nothing found) with the service's message, which names the field, the value and the rule; an enrolment refused
 * lists every field.
 */
final class DeskApi implements AutoCloseable {
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final IssuanceTool tool;
    private final CardRegistryClient server;
    private final DeskSessions sessions;
    private final Dictionary dict;
    private final BatchRuns runs;

    DeskApi(IssuanceTool tool, CardRegistryClient server, DeskSessions sessions) {
        this.tool = tool;
        this.server = server;
        this.sessions = sessions;
        this.dict = tool.dictionary();
        this.runs = new BatchRuns(tool, server);
    }

    record Request(String method, String path, Map<String, String> query, JsonNode body, String cookie, String csrf) {
        String text(String field) {
            JsonNode n = body == null ? null : body.get(field);
            return n == null || n.isNull() ? null : n.asText();
        }

        String required(String field) {
            String v = text(field);
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException(field + ": a value is required");
            }
            return v.strip();
        }

        char[] secret(String field) {
            String v = text(field);
            return v == null ? null : v.toCharArray();
        }
    }

    record Reply(int status, Object body, String html, Map<String, String> headers) {
        static Reply ok(Object body) {
            return new Reply(200, body, null, Map.of());
        }

        static Reply error(int status, String message) {
            return new Reply(status, m("error", message), null, Map.of());
        }
    }

    BatchRuns runs() {
        return runs;
    }

    Reply handle(Request r) {
        try {
            return route(r);
        } catch (EnrolmentRefusedException e) {
            List<Object> fields = new ArrayList<>();
            for (FieldError fe : e.errors()) {
                fields.add(m("field", fe.field(), "value", fe.shownValue(), "rule", fe.rule()));
            }
            return new Reply(400, m("error", "enrolment refused 采集被拒绝", "fields", fields), null, Map.of());
        } catch (AccessDeniedException e) {
            return Reply.error(403, e.getMessage());
        } catch (NoSuchElementException e) {
            return Reply.error(404, e.getMessage());
        } catch (ServerException e) {
            return Reply.error(502, "clearing server 清分中心: " + e.getMessage());
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            return Reply.error(400, e.getMessage());
        }
    }

    private Reply route(Request r) {
        String key = r.method() + " " + r.path();
        switch (key) {
            case "GET /api/state":
                return state(r);
            case "POST /api/bootstrap":
                return bootstrap(r);
            case "POST /api/login":
                return login(r);
            default:
                break;
        }
        DeskSessions.Signed s = sessions.find(r.cookie())
                .orElseThrow(() ->
                        new AccessDeniedException("请先登录 Please sign in (the session ended or was idle too long)"));
        if (r.method().equals("POST") && !s.csrfMatches(r.csrf())) {
            throw new AccessDeniedException("the request did not carry this session's CSRF token; reload the page");
        }
        Staff me = s.staff();
        return switch (key) {
            case "POST /api/logout" -> {
                sessions.logout(s.entry());
                yield new Reply(200, m("ok", true), null, Map.of("Set-Cookie", cookie("", 0)));
            }
            case "GET /api/dictionary" -> Reply.ok(dictionary());
            case "POST /api/check" -> Reply.ok(check(me, r));
            case "POST /api/photo" -> Reply.ok(photo(r));
            case "POST /api/enrol" -> Reply.ok(enrol(me, r));
            case "POST /api/enrol-csv" -> Reply.ok(enrolCsv(me, r));
            case "GET /api/application" -> Reply.ok(application(me, r));
            case "POST /api/edit" -> Reply.ok(edit(me, r));
            case "POST /api/compare" -> Reply.ok(compare(me));
            case "GET /api/review" -> Reply.ok(review(me));
            case "POST /api/review" -> Reply.ok(decide(me, r));
            case "GET /api/production" -> Reply.ok(production(me));
            case "POST /api/batch" -> Reply.ok(createBatch(me, r));
            case "POST /api/batch/run" -> Reply.ok(runBatch(me, r));
            case "GET /api/batch/progress" -> Reply.ok(progress(me, r));
            case "GET /api/card" -> Reply.ok(card(me, r.query().get("ref")));
            case "POST /api/life" -> Reply.ok(life(me, r));
            case "GET /api/search" -> Reply.ok(search(me, r.query().get("q")));
            case "GET /api/citizen" -> Reply.ok(citizen(me, r));
            case "POST /api/staff" -> Reply.ok(addStaff(me, r));
            default -> Reply.error(404, "no API " + key);
        };
    }

    // ------------------------------------------------------------------ sessions

    private Reply state(Request r) {
        Optional<DeskSessions.Signed> s = sessions.find(r.cookie());
        if (s.isEmpty()) {
            return Reply.ok(m("signedIn", false, "firstSupervisor", tool.staff().isEmpty()));
        }
        Staff me = s.get().staff();
        List<String> menu = new ArrayList<>();
        if (me.may(Permission.ENROL)) {
            menu.add("enrol");
        }
        if (me.may(Permission.LIST_REVIEWS)) {
            menu.add("review");
        }
        if (me.may(Permission.PRODUCE)) {
            menu.add("production");
        }
        if (me.may(Permission.COUNTER)) {
            menu.add("counter");
        }
        if (me.may(Permission.VIEW_STATUS)) {
            menu.add("search");
        }
        if (me.may(Permission.MANAGE_STAFF)) {
            menu.add("staff");
        }
        return Reply.ok(m(
                "signedIn", true,
                "user", me.username(),
                "name", me.displayName(),
                "roles",
                        me.roles().stream()
                                .sorted()
                                .map(x -> x.zh() + " " + x.en())
                                .toList(),
                "menu", menu,
                "csrf", s.get().entry().csrf,
                "idleMinutes", sessions.idleLimit().toMinutes()));
    }

    private Reply bootstrap(Request r) {
        char[] password = r.secret("password");
        try {
            Staff first = tool.staff().bootstrap(r.required("username"), r.required("displayName"), password);
            return Reply.ok(m("created", first.username()));
        } finally {
            wipe(password);
        }
    }

    private Reply login(Request r) {
        char[] password = r.secret("password");
        try {
            DeskSessions.Entry e = sessions.login(r.required("username"), password == null ? new char[0] : password);
            return new Reply(
                    200,
                    m("ok", true),
                    null,
                    Map.of("Set-Cookie", cookie(e.id, sessions.idleLimit().toSeconds() * 4)));
        } catch (AccessDeniedException e) {
            return Reply.error(401, e.getMessage());
        } finally {
            wipe(password);
        }
    }

    private static String cookie(String value, long maxAge) {
        return DeskSessions.COOKIE + "=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + maxAge;
    }

    private Object addStaff(Staff me, Request r) {
        char[] password = r.secret("password");
        try {
            Staff added = tool.staff()
                    .add(
                            me,
                            r.required("username"),
                            r.required("displayName"),
                            java.util.Set.of(Role.parse(r.required("role"))),
                            password);
            return m("added", added.username());
        } finally {
            wipe(password);
        }
    }

    // ------------------------------------------------------------------ dictionary and live checks

    private Object dictionary() {
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
    private Object check(Staff me, Request r) {
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
                out.put("sexLabel", label("sex", id.sex()));
                out.put("birthDate", id.birthDate().format(DateTimeFormatter.BASIC_ISO_DATE));
                out.put("region", id.region());
                out.put("regionLabel", label("region", id.region()));
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
                out.put("rule", org.citycard.issuance.audit.Redaction.clean(e.rule()));
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

    private Object photo(Request r) {
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

    // ------------------------------------------------------------------ enrolment and corrections

    private Applicant applicant(Request r) {
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

    private Object enrol(Staff me, Request r) {
        String photo = r.text("photo");
        if (photo == null || photo.isBlank()) {
            throw new EnrolmentRefusedException(
                    List.of(FieldError.of("photo", "", "a photograph (JPEG or PNG) is required 需要照片")));
        }
        long app = tool.enrolment().enrol(me, applicant(r), base64(photo));
        return m("application", app, "state", CardState.APPLIED.label());
    }

    /** A CSV file and the photographs it names, uploaded together; each line's outcome. */
    private Object enrolCsv(Staff me, Request r) {
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

    private Object application(Staff me, Request r) {
        me.require(Permission.ENROL);
        long id = number(r.query().get("id"), "application");
        CardRecord app = tool.db().read(c -> CardRepository.get(c, id));
        Citizen z = tool.enrolment().citizen(app.citizenId()).orElseThrow();
        byte[] photo = tool.enrolment().storedPhoto(app.citizenId());
        return m(
                "application", app.id(),
                "state", app.state().label(),
                "editable", app.state() == CardState.APPLIED,
                "citizenId", CitizenId.mask(z.citizenId()),
                "name", z.name(),
                "sex", label("sex", z.sex()),
                "birthDate", z.birthDate().toString(),
                "ethnicity", z.ethnicity(),
                "birthplace", z.birthplace(),
                "address", z.address(),
                "phone", z.phone(),
                "education", z.education(),
                "cardType", app.cardType(),
                "insurance", app.insurance(),
                "photo", photo == null ? null : dataUrl(photo));
    }

    private Object edit(Staff me, Request r) {
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

    private Object compare(Staff me) {
        List<Object> out = new ArrayList<>();
        for (ComparisonService.Result res : tool.comparison().compareAll(me)) {
            out.add(m(
                    "application", res.applicationId(),
                    "passed", res.passed(),
                    "findings", res.findings().stream().map(Finding::toString).toList()));
        }
        return m("results", out);
    }

    // ------------------------------------------------------------------ review queue

    private Object review(Staff me) {
        List<Object> out = new ArrayList<>();
        for (ReviewService.Item item : tool.review().queue(me)) {
            Citizen z = item.applicant();
            byte[] photo = tool.enrolment().storedPhoto(z.citizenId());
            out.add(m(
                    "application", item.application().id(),
                    "enrolledBy", item.enrolledBy(),
                    "comparedAt", WHEN.format(item.comparison().comparedAt()),
                    "applicant",
                            m(
                                    "citizenId", z.citizenId(),
                                    "name", z.name(),
                                    "sex", label("sex", z.sex()),
                                    "birthDate", z.birthDate().toString(),
                                    "ethnicity", label("ethnicity", z.ethnicity()),
                                    "photo", photo == null ? null : dataUrl(photo)),
                    "registry",
                            item.registry()
                                    .map(p -> (Object) m(
                                            "citizenId", p.citizenId(),
                                            "name", p.name(),
                                            "sex", label("sex", p.sex()),
                                            "birthDate", p.birthDate().toString(),
                                            "ethnicity", label("ethnicity", p.ethnicity()),
                                            "status", p.registered() ? "在册 Registered" : "已注销 Deregistered"))
                                    .orElse(null),
                    "findings",
                            item.comparison().findings().stream()
                                    .map(f -> m(
                                            "kind", f.kind().name(), "blocking", f.blocking(), "message", f.message()))
                                    .toList(),
                    "mayDecide", me.may(Permission.REVIEW) && !me.username().equals(item.enrolledBy())));
        }
        return m("queue", out);
    }

    private Object decide(Staff me, Request r) {
        long id = number(r.required("application"), "application");
        boolean approve = r.body().path("approve").asBoolean(false);
        String reason = r.required("reason");
        CardRecord res =
                approve ? tool.review().approve(me, id, reason) : tool.review().reject(me, id, reason);
        return m("application", id, "state", res.state().label());
    }

    // ------------------------------------------------------------------ production

    private Object production(Staff me) {
        me.require(Permission.PRODUCE);
        int verified = tool.db().read(c -> CardRepository.byState(c, CardState.VERIFIED, Integer.MAX_VALUE)
                .size());
        List<Object> batches = new ArrayList<>();
        for (ProductionService.Batch b : tool.production().batches()) {
            batches.add(m(
                    "id", b.id(),
                    "keySet", b.keySet(),
                    "size", b.size(),
                    "done", b.done(),
                    "finished", b.finished(),
                    "running", runs.running(b.id())));
        }
        return m("verified", verified, "batches", batches);
    }

    private Object createBatch(Staff me, Request r) {
        int count = (int) number(r.required("count"), "count");
        String keySet = r.required("keySet");
        String name =
                "demo".equals(keySet) ? "demo" : Path.of(keySet).getFileName().toString();
        ProductionService.Batch b = tool.production().create(me, count, name);
        return m("batch", b.id(), "size", b.size(), "keySet", name);
    }

    private Object runBatch(Staff me, Request r) {
        long batch = number(r.required("batch"), "batch");
        KeySet keys = keySet(me, r.required("keySet"), r.secret("password"));
        String reader = r.text("reader") == null || r.text("reader").isBlank()
                ? "sim"
                : r.text("reader").strip();
        runs.start(me, batch, keys, reader);
        return progress(me, batch);
    }

    private Object progress(Staff me, Request r) {
        return progress(me, number(r.query().get("batch"), "batch"));
    }

    private Object progress(Staff me, long batch) {
        me.require(Permission.PRODUCE);
        return runs.progress(batch);
    }

    private KeySet keySet(Staff me, String nameOrPath, char[] password) {
        try {
            return tool.keyStores().open(me, nameOrPath, password);
        } finally {
            wipe(password);
        }
    }

    // ------------------------------------------------------------------ the counter

    private Object card(Staff me, String ref) {
        me.require(Permission.VIEW_STATUS);
        CardRecord c = tool.db().read(x -> CardRepository.resolve(x, ref));
        return cardView(c);
    }

    private Map<String, Object> cardView(CardRecord c) {
        String name =
                tool.enrolment().citizen(c.citizenId()).map(Citizen::maskedName).orElse("");
        return m(
                "application", c.id(),
                "asn", c.asn(),
                "cardNumber", c.cardNumber(),
                "holder", name,
                "citizenId", CitizenId.mask(c.citizenId()),
                "state", c.state().label(),
                "stateCode", c.state().code(),
                "expiry", c.expiryDate() == null ? null : c.expiryDate().toString(),
                "next", c.state().next().stream().map(CardState::label).toList());
    }

    /** One action at the counter; the answer has the card as the tool has it now and as the server has it. */
    private Object life(Staff me, Request r) {
        String action = r.required("action");
        String card = r.required("card");
        String id = r.text("presentedId");
        CardLife life = new CardLife(tool, server);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("action", action);
        switch (action) {
            case "distribute" -> {
                KeySet keys = r.text("keySet") == null || r.text("keySet").isBlank()
                        ? null
                        : keySet(me, r.text("keySet"), r.secret("password"));
                char[] pin = r.secret("pin");
                try (CardConnection c = reader(r.text("reader"))) {
                    life.cards()
                            .distribute(
                                    me,
                                    card,
                                    id,
                                    c == null ? null : c.transport(),
                                    keys,
                                    pin == null || pin.length == 0 ? null : pin);
                } finally {
                    wipe(pin);
                }
                out.put("message", "卡已发放 Card handed over");
                out.put("receipt", "hand-over");
            }
            case "activate" -> {
                life.cards().activate(me, card);
                out.put("message", "卡已启用 Card activated");
            }
            case "loss" -> {
                life.cards().reportLoss(me, card, id, r.text("reason"));
                out.put("message", "已挂失 Reported lost: on the server's hotlist");
                out.put("receipt", "loss");
            }
            case "found" -> {
                life.cards().found(me, card, id);
                out.put("message", "已解挂 Found: off the hotlist, active again");
            }
            case "replace" -> {
                long app = life.replacements().replace(me, card, id, r.text("reason"));
                out.put("message", "补卡申请 Replacement application " + app + " opened");
                out.put("newApplication", app);
            }
            case "renew" -> {
                long app = life.replacements().renew(me, card, id);
                out.put("message", "换卡申请 Renewal application " + app + " opened");
                out.put("newApplication", app);
            }
            case "settle" -> out.put(
                    "message", "余额 Balance " + settlement(life.replacements().settle(me, card)));
            case "cancel" -> {
                Settlement st = life.replacements()
                        .cancel(
                                me,
                                card,
                                id,
                                new RefundAccount(r.required("bank"), r.required("account"), r.required("accountName")),
                                r.text("reason"),
                                null,
                                null);
                out.put("message", "已注销 Cancelled; refund 退款 " + settlement(st));
            }
            case "refund" -> {
                Settlement st = life.replacements()
                        .refund(
                                me,
                                card,
                                new RefundAccount(
                                        r.required("bank"), r.required("account"), r.required("accountName")));
                out.put("message", "退款 Refund " + settlement(st));
            }
            case "pin-reset" -> {
                KeySet keys = keySet(me, r.required("keySet"), r.secret("password"));
                char[] pin = r.secret("pin");
                if (pin == null || pin.length == 0) {
                    throw new IllegalArgumentException("pin: the holder types a new PIN 请持卡人输入新密码");
                }
                try (CardConnection c = reader(r.required("reader"))) {
                    life.cards().resetPin(me, card, id, c.transport(), keys, pin);
                } finally {
                    wipe(pin);
                }
                out.put("message", "密码已重置 PIN reset");
            }
            default -> throw new IllegalArgumentException("action '" + action + "' is not a counter action");
        }
        CardRecord now = tool.db().read(c -> CardRepository.resolve(c, card));
        out.put("card", cardView(now));
        out.put("server", serverView(now.asn()));
        out.put("at", WHEN.format(tool.clock().instant()));
        out.put("clerk", me.displayName() + " (" + me.username() + ")");
        return out;
    }

    /** What the clearing server says about the card after the action. */
    private Object serverView(String asn) {
        if (asn == null) {
            return m("answer", "no ASN yet: the server does not know the card");
        }
        try {
            Optional<org.citycard.issuance.server.RemoteCard> rc = server.card(asn);
            if (rc.isEmpty()) {
                return m("answer", "the server does not know card " + asn);
            }
            String state = rc.get().state();
            String label = dict.codeTable("card-state")
                    .find(state)
                    .map(c -> c.code() + " " + c.zh() + " " + c.en())
                    .orElse(state);
            Map<String, Object> out = m("answer", "清分中心 Server: card " + asn + " state " + label, "state", state);
            server.account(asn).ifPresent(a -> out.put("balance", Amounts.format(a.chainBalance())));
            return out;
        } catch (ServerException e) {
            return m("answer", "清分中心 Server not reachable: " + e.getMessage());
        }
    }

    private static CardConnection reader(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        Readers readers = name.equals("sim") ? Readers.simulator(null) : Readers.pcsc();
        return readers.slot(name.equals("sim") ? BatchRuns.SIM_CARD_READER : name)
                .connect();
    }

    private static String settlement(Settlement s) {
        return s.pending() ? "待定 pending: " + s.reason() : s.status() + " " + Amounts.format(s.amount()) + " CNY";
    }

    // ------------------------------------------------------------------ search and the citizen's page

    private Object search(Staff me, String q) {
        me.require(Permission.VIEW_STATUS);
        String text = q == null ? "" : q.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("q: type a name or an ID number 请输入姓名或身份证号");
        }
        List<Object[]> rows = tool.db().read(c -> {
            if (text.length() == 18) {
                CitizenId.parse(text.toUpperCase(java.util.Locale.ROOT));
                return Database.query(
                        c,
                        "SELECT citizen_id, name FROM citizen WHERE citizen_id = ?",
                        rs -> new Object[] {rs.getString(1), rs.getString(2)},
                        text.toUpperCase(java.util.Locale.ROOT));
            }
            if (text.matches("\\d{1,17}|\\d{20}") || text.length() == 9) {
                Optional<CardRecord> card;
                try {
                    card = Optional.of(CardRepository.resolve(c, text));
                } catch (NoSuchElementException e) {
                    card = Optional.empty();
                }
                if (card.isPresent()) {
                    return Database.query(
                            c,
                            "SELECT citizen_id, name FROM citizen WHERE citizen_id = ?",
                            rs -> new Object[] {rs.getString(1), rs.getString(2)},
                            card.get().citizenId());
                }
            }
            return Database.query(
                    c,
                    "SELECT citizen_id, name FROM citizen WHERE name LIKE ? ORDER BY name",
                    rs -> new Object[] {rs.getString(1), rs.getString(2)},
                    "%" + text.replace("%", "").replace("_", "") + "%");
        });
        List<Object> out = new ArrayList<>();
        for (Object[] row : rows.subList(0, Math.min(50, rows.size()))) {
            String cid = (String) row[0];
            List<CardRecord> cards = tool.db().read(c -> CardRepository.byCitizen(c, cid));
            out.add(m(
                    "name",
                    row[1],
                    "citizenId",
                    CitizenId.mask(cid),
                    "application",
                    cards.isEmpty() ? null : cards.get(cards.size() - 1).id(),
                    "cards",
                    cards.stream().map(x -> x.id() + " " + x.state().label()).toList()));
        }
        return m("results", out);
    }

    /** A citizen's applications and cards as one timeline; audit entries for supervisors. */
    private Object citizen(Staff me, Request r) {
        me.require(Permission.VIEW_STATUS);
        long app = number(r.query().get("app"), "app");
        String cid = tool.db().read(c -> CardRepository.get(c, app)).citizenId();
        Citizen z = tool.enrolment().citizen(cid).orElseThrow();
        List<StatusService.CardStatus> cards = tool.status().lookup(cid);
        List<Map<String, Object>> events = new ArrayList<>();
        for (StatusService.CardStatus s : cards) {
            for (Workflow.HistoryLine h : s.history()) {
                events.add(m(
                        "at", WHEN.format(h.at()),
                        "kind", "state",
                        "card", s.card().id(),
                        "text", (h.from() == null ? "" : h.from().label() + " → ") + h.to().label(),
                        "by", h.actor(),
                        "reason", h.reason()));
            }
        }
        boolean supervisor = me.may(Permission.READ_AUDIT);
        if (supervisor) {
            for (AuditEntry e : tool.audit().list(null, cid, 500)) {
                events.add(m(
                        "at",
                        WHEN.format(e.at()),
                        "kind",
                        "audit",
                        "card",
                        e.card(),
                        "text",
                        e.action().name() + ": " + e.detail(),
                        "by",
                        e.actor(),
                        "reason",
                        null));
            }
        }
        events.sort(java.util.Comparator.comparing(e -> (String) e.get("at")));
        byte[] photo = tool.enrolment().storedPhoto(cid);
        return m(
                "name", z.name(),
                "citizenId", CitizenId.mask(cid),
                "sex", label("sex", z.sex()),
                "birthDate", z.birthDate().toString(),
                "photo", photo == null ? null : dataUrl(photo),
                "cards", cards.stream().map(s -> cardView(s.card())).toList(),
                "timeline", events,
                "audit", supervisor);
    }

    // ------------------------------------------------------------------ small helpers

    private String label(String table, String code) {
        return dict.codeTable(table)
                .find(code)
                .map(c -> c.code() + " " + c.zh() + " " + c.en())
                .orElse(code);
    }

    private LocalDate today() {
        return LocalDate.now(tool.clock().withZone(ZoneId.systemDefault()));
    }

    private static long number(String text, String field) {
        if (text == null || !text.strip().matches("\\d{1,18}")) {
            throw new IllegalArgumentException(field + " '" + (text == null ? "" : text) + "': a number is required");
        }
        return Long.parseLong(text.strip());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static byte[] base64(String text) {
        String t = text.strip();
        int comma = t.indexOf(',');
        if (t.startsWith("data:") && comma > 0) {
            t = t.substring(comma + 1);
        }
        try {
            return Base64.getDecoder().decode(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the upload is not base64: " + e.getMessage(), e);
        }
    }

    private static String dataUrl(byte[] photo) {
        String type = photo.length > 2 && (photo[0] & 0xFF) == 0xFF ? "image/jpeg" : "image/png";
        return "data:" + type + ";base64," + Base64.getEncoder().encodeToString(photo);
    }

    private static void wipe(char[] secret) {
        if (secret != null) {
            Arrays.fill(secret, '\0');
        }
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
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

    /** An ordered map of alternating keys and values; null values are kept (the page shows them as empty). */
    static Map<String, Object> m(Object... kv) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.put((String) kv[i], kv[i + 1]);
        }
        return out;
    }

    @Override
    public void close() {
        runs.close();
    }
}
