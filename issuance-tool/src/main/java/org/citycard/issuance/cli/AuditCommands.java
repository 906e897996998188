package org.citycard.issuance.cli;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.citycard.issuance.audit.AuditEntry;
import org.citycard.issuance.audit.AuditLog;
import org.citycard.issuance.staff.Permission;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The audit log, for supervisors. */
final class AuditCommands {
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private AuditCommands() {}

    @Command(
            name = "audit",
            mixinStandardHelpOptions = true,
            description = "The audit log: list entries, verify the chain.",
            subcommands = {ListEntries.class, Verify.class})
    static final class Audit implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(IssueCli.out(spec));
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "The last entries, optionally of one card or citizen.")
    static final class ListEntries implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--card", description = "ASN")
        String card;

        @Option(names = "--citizen", description = "citizen ID number (matched masked)")
        String citizen;

        @Option(
                names = {"-n", "--limit"},
                defaultValue = "50",
                description = "how many")
        int limit;

        @Override
        public void run() {
            IssueCli root = IssueCli.root(spec);
            root.user().require(Permission.READ_AUDIT);
            PrintWriter out = IssueCli.out(spec);
            for (AuditEntry e : root.tool().audit().list(card, citizen, limit)) {
                out.printf(
                        "%6d %s %-10s %-20s %-18s %-20s %s%n",
                        e.seq(),
                        WHEN.format(e.at()),
                        e.actor(),
                        e.action(),
                        e.citizen() == null ? "" : e.citizen(),
                        e.card() == null ? "" : e.card(),
                        e.detail());
            }
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true, description = "Checks the hash chain of the whole log.")
    static final class Verify implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            IssueCli root = IssueCli.root(spec);
            root.user().require(Permission.READ_AUDIT);
            AuditLog.Verification v = root.tool().audit().verify();
            IssueCli.out(spec).println(v.message());
            if (!v.intact()) {
                throw new IllegalStateException("the audit log was tampered with: " + v.message());
            }
        }
    }
}
