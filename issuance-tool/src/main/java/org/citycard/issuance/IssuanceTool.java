package org.citycard.issuance;

import java.nio.file.Path;
import java.time.Clock;
import org.citycard.dictionary.Dictionary;
import org.citycard.issuance.audit.AuditLog;
import org.citycard.issuance.enrolment.CsvEnrolment;
import org.citycard.issuance.enrolment.EnrolmentService;
import org.citycard.issuance.keys.KeyCeremony;
import org.citycard.issuance.keys.KeyStores;
import org.citycard.issuance.perso.ProductionService;
import org.citycard.issuance.registry.ComparisonService;
import org.citycard.issuance.registry.RegistryImport;
import org.citycard.issuance.registry.ReviewService;
import org.citycard.issuance.staff.PasswordHasher;
import org.citycard.issuance.staff.StaffService;
import org.citycard.issuance.store.Database;
import org.citycard.issuance.workflow.StatusService;
import org.citycard.issuance.workflow.Workflow;

/**
 * The issuance tool as a library: opens the data directory's database and wires the services. The CLI, the tests
 * and the benchmark all start here.
 */
public final class IssuanceTool implements AutoCloseable {
    /** The data directory when none is given. */
    public static final Path DEFAULT_DATA_DIR = Path.of("data", "issuance");

    private final Database db;
    private final Dictionary dict;
    private final Clock clock;
    private final AuditLog audit;
    private final StaffService staff;
    private final Workflow workflow;
    private final EnrolmentService enrolment;
    private final RegistryImport registry;
    private final ComparisonService comparison;
    private final ReviewService review;
    private final KeyStores keyStores;
    private final KeyCeremony keyCeremony;
    private final StatusService status;
    private final ProductionService production;

    private IssuanceTool(Database db, Clock clock) {
        this.db = db;
        this.dict = Dictionary.standard();
        this.clock = clock;
        this.audit = new AuditLog(db, clock);
        this.staff = new StaffService(db, audit, clock, PasswordHasher.configured());
        this.workflow = new Workflow(audit, clock);
        this.enrolment = new EnrolmentService(db, dict, audit, workflow, clock);
        this.registry = new RegistryImport(db, dict, audit, clock);
        this.comparison = new ComparisonService(db, audit, workflow, clock);
        this.review = new ReviewService(db, audit, workflow, clock);
        this.keyStores = new KeyStores(audit);
        this.keyCeremony = new KeyCeremony(db, audit, staff, clock);
        this.status = new StatusService(db);
        this.production = new ProductionService(db, dict, audit, workflow, clock);
    }

    /**
     * Opens the tool on a data directory; its database is encrypted under {@code bootPassword} (created so when the
     * directory is new). The password is used for the opening only: the caller wipes it.
     */
    public static IssuanceTool open(Path dataDir, char[] bootPassword) {
        return open(dataDir, bootPassword, Clock.systemDefaultZone());
    }

    public static IssuanceTool open(Path dataDir, char[] bootPassword, Clock clock) {
        return open(dataDir, bootPassword, clock, false);
    }

    /**
     * @param encryptExisting encrypt an existing unencrypted database under the boot password (refused without)
     */
    public static IssuanceTool open(Path dataDir, char[] bootPassword, Clock clock, boolean encryptExisting) {
        return new IssuanceTool(Database.open(dataDir, bootPassword, encryptExisting), clock);
    }

    /**
     * A supervisor changes the boot password of this tool's database ({@link Database#changeBootPassword}): the
     * database stays open, the next opening needs the new password, the audit chain keeps its key. Audited (without
     * either password). The caller wipes both.
     */
    public void changeBootPassword(org.citycard.issuance.staff.Staff actor, char[] current, char[] next) {
        actor.require(db, org.citycard.issuance.staff.Permission.MANAGE_DATABASE);
        db.changeBootPassword(current, next);
        audit.record(
                actor,
                org.citycard.issuance.audit.AuditAction.BOOT_PASSWORD_CHANGE,
                null,
                null,
                "boot password of the issuance database changed");
    }

    public Database db() {
        return db;
    }

    public Dictionary dictionary() {
        return dict;
    }

    public Clock clock() {
        return clock;
    }

    public Path dataDir() {
        return db.dataDir();
    }

    public AuditLog audit() {
        return audit;
    }

    public StaffService staff() {
        return staff;
    }

    public Workflow workflow() {
        return workflow;
    }

    public EnrolmentService enrolment() {
        return enrolment;
    }

    public CsvEnrolment csvEnrolment() {
        return new CsvEnrolment(enrolment);
    }

    public RegistryImport registry() {
        return registry;
    }

    public ComparisonService comparison() {
        return comparison;
    }

    public ReviewService review() {
        return review;
    }

    public KeyStores keyStores() {
        return keyStores;
    }

    public KeyCeremony keyCeremony() {
        return keyCeremony;
    }

    public StatusService status() {
        return status;
    }

    public ProductionService production() {
        return production;
    }

    /**
     * The clearing server's client that also reports this tool's audit chain head with every card it reports (issue
     * 15), so the server can tell a rewritten local history from the real one.
     */
    public org.citycard.issuance.server.AuditHeadReporting reportingTo(
            org.citycard.issuance.server.CardRegistryClient server) {
        return new org.citycard.issuance.server.AuditHeadReporting(server, () -> {
            AuditLog.Head h = audit.head();
            return new org.citycard.issuance.server.AuditHead(h.seq(), h.mac());
        });
    }

    @Override
    public void close() {
        db.close();
    }
}
