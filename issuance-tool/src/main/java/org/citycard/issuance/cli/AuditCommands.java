package org.citycard.issuance.cli;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.citycard.issuance.audit.AuditEntry;
import org.citycard.issuance.audit.AuditLog;
import org.citycard.issuance.server.AuditHead;
import org.citycard.issuance.server.AuditHeadReporting;
import org.citycard.issuance.server.CardRegistryClient;
import org.citycard.issuance.server.ServerException;
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

    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = "Checks the keyed chain of the whole log (HMAC-SHA256 under the key derived from the boot"
                    + " password) and, with a clearing server, that the head the server holds is still in it.")
    static final class Verify implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--local", description = "do not compare with the clearing server's head")
        boolean local;

        @Override
        public void run() {
            IssueCli root = IssueCli.root(spec);
            root.user().require(Permission.READ_AUDIT);
            AuditLog audit = root.tool().audit();
            PrintWriter out = IssueCli.out(spec);
            AuditLog.Verification v = audit.verify();
            if (v.intact() && !local && !root.serverConfigured()) {
                out.println(v.message() + "; no clearing server given (--server-url or $" + IssueCli.ENV_SERVER
                        + "): the head it holds was not compared");
                return;
            }
            if (v.intact() && !local) {
                CardRegistryClient server = root.serverClient();
                java.util.Optional<AuditHead> held;
                try {
                    held = server.auditHead();
                } catch (ServerException e) {
                    throw new IllegalStateException("the chain is intact here, but the clearing server's head could"
                            + " not be read: " + e.getMessage() + " (--local checks this log alone)");
                }
                if (held.isEmpty()) {
                    out.println(v.message() + "; the clearing server holds no head of this card centre yet");
                    if (server instanceof AuditHeadReporting r) {
                        r.reportHead();
                        out.println(
                                r.lastHeadProblem() == null
                                        ? "head " + audit.head().seq() + " reported to the clearing server"
                                        : "the head could not be reported: " + r.lastHeadProblem());
                    }
                    return;
                }
                v = audit.verifyAgainst(
                        new AuditLog.Head(held.get().seq(), held.get().mac()));
            }
            out.println(v.message());
            if (!v.intact()) {
                throw new IllegalStateException("the audit log was tampered with: " + v.message());
            }
        }
    }
}
