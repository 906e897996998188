package org.citycard.issuance.support;

import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import org.citycard.issuance.IssuanceTool;
import org.citycard.issuance.staff.Role;
import org.citycard.issuance.staff.Staff;

/** A tool on a fresh data directory with one member of staff per role. */
public final class Fixture implements AutoCloseable {
    public static final char[] PASSWORD = "correct horse battery".toCharArray();
    /** The boot password of the tests' encrypted databases. */
    public static final char[] BOOT_PASSWORD = "test centre boot password".toCharArray();

    public final IssuanceTool tool;
    public final Staff supervisor;
    public final Staff clerk;
    public final Staff reviewer;
    public final Staff operator;
    public final Staff custodian1;
    public final Staff custodian2;
    public final Staff custodian3;

    public Fixture(Path dataDir) {
        this(dataDir, Clock.systemDefaultZone());
    }

    public Fixture(Path dataDir, Clock clock) {
        tool = IssuanceTool.open(dataDir, BOOT_PASSWORD.clone(), clock);
        supervisor = tool.staff().bootstrap("sup", "Supervisor", PASSWORD.clone());
        clerk = add("clerk", Role.ENROLMENT_CLERK);
        reviewer = add("rev", Role.REVIEWER);
        operator = add("op", Role.PRODUCTION_OPERATOR);
        custodian1 = add("cust1", Role.KEY_CUSTODIAN);
        custodian2 = add("cust2", Role.KEY_CUSTODIAN);
        custodian3 = add("cust3", Role.KEY_CUSTODIAN);
    }

    /** Adds an account and signs it in (only a signed-in member of staff may act). */
    private Staff add(String name, Role role) {
        tool.staff().add(supervisor, name, name, Set.copyOf(EnumSet.of(role)), PASSWORD.clone());
        return tool.staff().authenticate(name, PASSWORD.clone());
    }

    @Override
    public void close() {
        tool.close();
    }
}
