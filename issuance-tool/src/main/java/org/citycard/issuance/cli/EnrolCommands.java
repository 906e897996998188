package org.citycard.issuance.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.citycard.dictionary.DataElement;
import org.citycard.dictionary.Dictionary;
import org.citycard.issuance.enrolment.Applicant;
import org.citycard.issuance.enrolment.CsvEnrolment;
import org.citycard.issuance.enrolment.EnrolmentValidator;
import org.citycard.issuance.enrolment.FieldError;
import org.citycard.issuance.registry.ComparisonService;
import org.citycard.issuance.registry.Finding;
import org.citycard.issuance.registry.RegistryImport;
import org.citycard.issuance.staff.Staff;
import org.citycard.issuance.workflow.CardState;
import org.citycard.issuance.workflow.StatusService;
import org.citycard.issuance.workflow.Workflow;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Enrolment, registry import, comparison, review and status. */
final class EnrolCommands {
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private EnrolCommands() {}

    @Command(
            name = "enrol",
            mixinStandardHelpOptions = true,
            description =
                    "Enrols a citizen (采集): fields as options, a CSV batch (--csv) or an interactive prompt (-i).")
    static final class Enrol implements java.util.concurrent.Callable<Integer> {
        @Spec
        CommandSpec spec;

        @ArgGroup(exclusive = false)
        Fields fields;

        @Option(
                names = "--csv",
                paramLabel = "FILE",
                description = "CSV file, header line of element ids (citizen_id,name,…)")
        Path csv;

        @Option(names = "--encoding", defaultValue = "UTF-8", description = "CSV encoding, e.g. GB18030")
        String encoding;

        @Option(
                names = {"-i", "--interactive"},
                description = "asks for every field, checking each at once")
        boolean interactive;

        static final class Fields {
            @Option(names = "--id", description = "citizen ID number (GB 11643), required")
            String id;

            @Option(names = "--name", description = "name (GB 18030, at most 30 bytes), required")
            String name;

            @Option(
                    names = "--sex",
                    description = "GB/T 2261.1 code (default: from the ID number, which it must agree with)")
            String sex;

            @Option(names = "--ethnicity", description = "GB 3304 code, e.g. 01 Han, required")
            String ethnicity;

            @Option(
                    names = "--birth-date",
                    description = "YYYYMMDD (default: from the ID number, which it must agree with)")
            String birthDate;

            @Option(names = "--birthplace", description = "GB/T 2260 region (default: the ID's region)")
            String birthplace;

            @Option(names = "--address", description = "residential address")
            String address;

            @Option(names = "--phone", description = "telephone number")
            String phone;

            @Option(names = "--education", description = "GB/T 4658 code")
            String education;

            @Option(names = "--card-type", description = "card-type code (default 1 standard)")
            String cardType;

            @Option(names = "--insurance", description = "type:status:start:region;… e.g. 310:1:20200101:310101")
            String insurance;

            @Option(names = "--photo", description = "photograph, JPEG or PNG, 1 to 64 KB, required")
            Path photo;

            Applicant applicant() {
                return new Applicant(
                        id,
                        name,
                        sex,
                        ethnicity,
                        birthDate,
                        birthplace,
                        address,
                        phone,
                        education,
                        cardType,
                        insurance,
                        photo);
            }
        }

        @Override
        public Integer call() {
            IssueCli root = IssueCli.root(spec);
            Staff me = root.user();
            PrintWriter out = IssueCli.out(spec);
            int modes = (csv != null ? 1 : 0) + (interactive ? 1 : 0) + (fields != null ? 1 : 0);
            if (modes != 1) {
                throw new IllegalArgumentException(
                        "give the fields as options, or --csv FILE, or --interactive (one of them)");
            }
            if (csv != null) {
                return csv(root, me, out);
            }
            Applicant a = interactive ? prompt(root) : fields.applicant();
            long app = root.tool().enrolment().enrol(me, a);
            out.println("application " + app + " enrolled (state " + CardState.APPLIED.label()
                    + "); next: ./citycard issue compare " + app);
            return 0;
        }

        /** Exit 1 when a row was refused: a script sees that the file needs fixing (then run it again). */
        private int csv(IssueCli root, Staff me, PrintWriter out) {
            CsvEnrolment.Report r;
            try {
                r = root.tool().csvEnrolment().run(me, csv, Charset.forName(encoding));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + csv + ": " + e.getMessage(), e);
            }
            for (CsvEnrolment.Row row : r.rejected()) {
                for (FieldError e : row.errors()) {
                    out.println("line " + row.line() + " field " + e);
                }
            }
            for (CsvEnrolment.Row row : r.alreadyEnrolled()) {
                out.println("line " + row.line() + " " + row.maskedId() + ": already enrolled as application "
                        + row.existingApplication() + ", skipped");
            }
            out.println(r.accepted().size() + " enrolled, " + r.rejected().size() + " rows refused"
                    + (r.alreadyEnrolled().isEmpty()
                            ? ""
                            : ", " + r.alreadyEnrolled().size() + " already enrolled")
                    + " (of " + r.rows().size() + ")"
                    + (r.rejected().isEmpty() ? "" : "; fix the refused rows and run the file again"));
            return r.rejected().isEmpty() ? 0 : 1;
        }

        /** Asks field by field; each answer is checked at once and asked again when it breaks a rule. */
        private Applicant prompt(IssueCli root) {
            Dictionary dict = root.tool().dictionary();
            EnrolmentValidator v = root.tool().enrolment().validator();
            Terminal t = root.terminal();
            PrintWriter out = IssueCli.out(spec);
            Map<String, String> answers = new LinkedHashMap<>();
            String[][] asked = {
                {"citizen_id", "required"},
                {"name", "required"},
                {"ethnicity", "required"},
                {"birthplace", "optional"},
                {"address", "optional"},
                {"phone", "optional"},
                {"education", "optional"},
                {"card_type", "optional"},
                {"insurance", "optional"},
                {"photo", "required"}
            };
            for (String[] q : asked) {
                answers.put(q[0], ask(t, out, v, dict, q[0], q[1].equals("required")));
                if (q[0].equals("citizen_id")) {
                    // sex and birth date are the ID number's: shown, not asked
                    Applicant fromId = v.derived(applicant(answers));
                    answers.put("sex", fromId.sex());
                    answers.put("birth_date", fromId.birthDate());
                    out.println("  " + label(dict, "sex") + ": "
                            + dict.codeTable("sex")
                                    .find(fromId.sex())
                                    .map(c -> c.code() + " " + c.zh() + " " + c.en())
                                    .orElse(fromId.sex())
                            + ", " + label(dict, "birth_date") + ": " + fromId.birthDate() + " (from the ID number)");
                    root.tool().enrolment().openApplication(fromId.citizenId()).ifPresent(open -> {
                        throw new org.citycard.issuance.enrolment.AlreadyEnrolledException(fromId.citizenId(), open);
                    });
                }
            }
            while (true) {
                Applicant a = applicant(answers);
                List<FieldError> errors = v.validate(a);
                if (errors.isEmpty()) {
                    return a;
                }
                for (FieldError e : errors) {
                    out.println("  " + e);
                    answers.put(e.field(), ask(t, out, v, dict, e.field(), true));
                }
            }
        }

        private static String ask(
                Terminal t, PrintWriter out, EnrolmentValidator v, Dictionary dict, String field, boolean required) {
            String label = label(dict, field) + (required ? "" : " (optional, Enter to skip)") + ": ";
            for (int i = 0; i < 5; i++) {
                String answer = t.line(label);
                if (answer == null) {
                    throw new IllegalStateException(
                            "the input ended before the enrolment was complete; nothing was stored");
                }
                answer = answer.strip();
                if (answer.isEmpty() && !required) {
                    return null;
                }
                Optional<FieldError> e = field.equals("photo")
                        ? Optional.empty()
                        : answer.isEmpty()
                                ? Optional.of(FieldError.of(field, "", "a value is required"))
                                : v.validateField(field, answer);
                if (e.isEmpty()) {
                    return answer;
                }
                out.println("  " + e.get());
            }
            throw new IllegalArgumentException(field + ": five answers refused; the enrolment is abandoned");
        }

        private static String label(Dictionary dict, String field) {
            if (field.equals("insurance")) {
                return "参保信息 Insurance (type:status:start:region;…)";
            }
            if (field.equals("photo")) {
                return "照片 Photograph file (JPEG or PNG)";
            }
            DataElement e = dict.element(field);
            return e.zh() + " " + e.en();
        }

        private static Applicant applicant(Map<String, String> a) {
            return new Applicant(
                    a.get("citizen_id"),
                    a.get("name"),
                    a.get("sex"),
                    a.get("ethnicity"),
                    a.get("birth_date"),
                    a.get("birthplace"),
                    a.get("address"),
                    a.get("phone"),
                    a.get("education"),
                    a.get("card_type"),
                    a.get("insurance"),
                    a.get("photo") == null
                            ? null
                            : org.citycard.dictionary.cli.CallerDirectory.resolve(Path.of(a.get("photo"))));
        }
    }

    @Command(
            name = "edit",
            mixinStandardHelpOptions = true,
            description = "Corrects an application before it is verified (audited); then compare it again.")
    static final class Edit implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "APPLICATION", description = "application number (state 10 Applied)")
        long application;

        @Option(names = "--name", description = "name (GB 18030, at most 30 bytes)")
        String name;

        @Option(names = "--ethnicity", description = "GB 3304 code")
        String ethnicity;

        @Option(names = "--birthplace", description = "GB/T 2260 region")
        String birthplace;

        @Option(names = "--address", description = "residential address")
        String address;

        @Option(names = "--phone", description = "telephone number")
        String phone;

        @Option(names = "--education", description = "GB/T 4658 code")
        String education;

        @Option(names = "--card-type", description = "card-type code")
        String cardType;

        @Option(names = "--insurance", description = "type:status:start:region;…")
        String insurance;

        @Option(names = "--photo", description = "a new photograph, JPEG or PNG")
        Path photo;

        @Override
        public void run() {
            IssueCli root = IssueCli.root(spec);
            List<String> changed = root.tool()
                    .enrolment()
                    .edit(
                            root.user(),
                            application,
                            new org.citycard.issuance.enrolment.EnrolmentService.Correction(
                                    name,
                                    ethnicity,
                                    birthplace,
                                    address,
                                    phone,
                                    education,
                                    cardType,
                                    insurance,
                                    photo,
                                    null));
            IssueCli.out(spec)
                    .println("application " + application + " corrected: " + changed
                            + "; next: ./citycard issue compare " + application);
        }
    }

    @Command(
            name = "registry",
            mixinStandardHelpOptions = true,
            description = "The population registry (人口库).",
            subcommands = {RegistryImportCommand.class})
    static final class Registry implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(IssueCli.out(spec));
        }
    }

    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            description = "Imports a registry file (fixed-width layout population_registry, GB 18030).")
    static final class RegistryImportCommand implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "the registry file")
        Path file;

        @Override
        public void run() {
            IssueCli root = IssueCli.root(spec);
            RegistryImport.Report r;
            try {
                r = root.tool().registry().importFile(root.user(), file);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
            }
            PrintWriter out = IssueCli.out(spec);
            r.errors().forEach(out::println);
            out.println(r.imported() + " people imported, " + r.errors().size() + " bad lines of " + r.linesRead()
                    + "; the registry holds " + root.tool().registry().size());
        }
    }

    @Command(
            name = "compare",
            mixinStandardHelpOptions = true,
            description = "Compares applications (比对) with the registry and the existing holders.")
    static final class Compare implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(
                paramLabel = "APPLICATION",
                arity = "0..*",
                description = "application numbers (none: every applied one)")
        List<Long> applications = new ArrayList<>();

        @Override
        public void run() {
            IssueCli root = IssueCli.root(spec);
            Staff me = root.user();
            List<ComparisonService.Result> results = new ArrayList<>();
            if (applications.isEmpty()) {
                results.addAll(root.tool().comparison().compareAll(me));
            } else {
                for (long id : applications) {
                    results.add(root.tool().comparison().compare(me, id));
                }
            }
            PrintWriter out = IssueCli.out(spec);
            int passed = 0;
            for (ComparisonService.Result r : results) {
                if (r.passed()) {
                    passed++;
                    out.println("application " + r.applicationId() + ": passed, now " + CardState.VERIFIED.label());
                } else {
                    out.println("application " + r.applicationId() + ": flagged for a reviewer");
                    r.findings().forEach(f -> out.println("  " + f));
                }
            }
            out.println(passed + " passed, " + (results.size() - passed) + " flagged");
        }
    }

    @Command(
            name = "review",
            mixinStandardHelpOptions = true,
            description = "A reviewer's decisions on flagged applications.",
            subcommands = {ReviewList.class, ReviewDecide.Approve.class, ReviewDecide.Reject.class})
    static final class Review implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(IssueCli.out(spec));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Applications waiting for a decision.")
    static final class ReviewList implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            IssueCli root = IssueCli.root(spec);
            PrintWriter out = IssueCli.out(spec);
            List<org.citycard.issuance.registry.ReviewService.Item> pending =
                    root.tool().review().queue(root.user());
            for (var item : pending) {
                ComparisonService.Stored s = item.comparison();
                var z = item.applicant();
                out.println("application " + s.applicationId() + "  " + z.name() + "  " + z.citizenId() + "  "
                        + z.sex() + " " + z.birthDate() + "  (enrolled by " + item.enrolledBy() + ", compared "
                        + WHEN.format(s.comparedAt()) + " by " + s.comparedBy() + ")");
                out.println("  registry: "
                        + item.registry()
                                .map(p -> p.name() + "  " + p.sex() + " " + p.birthDate() + "  ethnicity "
                                        + p.ethnicity() + (p.registered() ? "" : "  deregistered"))
                                .orElse("no record of this ID number"));
                for (Finding f : s.findings()) {
                    out.println("  " + f);
                }
            }
            out.println(pending.size() + " waiting");
        }
    }

    static final class ReviewDecide {
        private ReviewDecide() {}

        @Command(name = "approve", mixinStandardHelpOptions = true, description = "Approves a flagged application.")
        static final class Approve implements Runnable {
            @Spec
            CommandSpec spec;

            @Parameters(paramLabel = "APPLICATION")
            long application;

            @Option(names = "--reason", required = true, description = "why (kept with the decision)")
            String reason;

            @Override
            public void run() {
                IssueCli root = IssueCli.root(spec);
                var r = root.tool().review().approve(root.user(), application, reason);
                IssueCli.out(spec)
                        .println("application " + application + " approved: "
                                + r.state().label());
            }
        }

        @Command(name = "reject", mixinStandardHelpOptions = true, description = "Rejects a flagged application.")
        static final class Reject implements Runnable {
            @Spec
            CommandSpec spec;

            @Parameters(paramLabel = "APPLICATION")
            long application;

            @Option(names = "--reason", required = true, description = "why (kept with the decision)")
            String reason;

            @Override
            public void run() {
                IssueCli root = IssueCli.root(spec);
                var r = root.tool().review().reject(root.user(), application, reason);
                IssueCli.out(spec)
                        .println("application " + application + " rejected: "
                                + r.state().label());
            }
        }
    }

    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description = "A card's or a citizen's cards: state, history, what may come next.")
    static final class Status implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID|CARD", description = "citizen ID, ASN, card number or application number")
        String query;

        @Override
        public void run() {
            IssueCli root = IssueCli.root(spec);
            root.user().require(org.citycard.issuance.staff.Permission.VIEW_STATUS);
            List<StatusService.CardStatus> found = root.tool().status().lookup(query);
            PrintWriter out = IssueCli.out(spec);
            if (found.isEmpty()) {
                String q = query.strip();
                throw new java.util.NoSuchElementException(
                        q.length() == 18
                                ? "citizen " + org.citycard.dictionary.validate.CitizenId.mask(q)
                                        + " has no card or application: not enrolled here ('issue enrol')"
                                : "no card or application with ASN, card number or application number '"
                                        + org.citycard.issuance.audit.Redaction.clean(query) + "'");
            }
            for (StatusService.CardStatus s : found) {
                var c = s.card();
                out.println("application " + c.id() + "  holder " + s.holderName() + " " + s.maskedCitizenId()
                        + (c.asn() == null ? "" : "  ASN " + c.asn() + "  card number " + c.cardNumber()));
                out.println("  state " + c.state().label()
                        + (c.expiryDate() == null ? "" : "  valid " + c.issueDate() + " .. " + c.expiryDate())
                        + (c.settlement() == null
                                ? ""
                                : "  balance " + c.settlement()
                                        + (c.settledAmount() == null ? "" : " " + c.settledAmount() + " fen"))
                        + (c.asn() == null
                                ? ""
                                : c.serverReported()
                                        ? "  (known to the server)"
                                        : "  (not yet reported to the server)"));
                for (Workflow.HistoryLine h : s.history()) {
                    out.println("  " + WHEN.format(h.at()) + "  "
                            + (h.from() == null ? "--" : h.from().code()) + " -> " + h.to().label() + "  by "
                            + h.actor() + (h.reason() == null ? "" : "  " + h.reason()));
                }
                out.println("  next: "
                        + (s.next().isEmpty()
                                ? "none (final)"
                                : s.next().stream().map(CardState::label).toList()));
            }
        }
    }
}
