package org.citycard.issuance.cli;

import java.util.Arrays;
import org.citycard.issuance.staff.Staff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The data directory's encrypted database itself (supervisors). */
final class DatabaseCommands {
    private DatabaseCommands() {}

    @Command(
            name = "db",
            mixinStandardHelpOptions = true,
            description = "The issuance database: change its boot password.",
            subcommands = {ChangeBootPassword.class})
    static final class Db implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(IssueCli.out(spec));
        }
    }

    @Command(
            name = "change-boot-password",
            mixinStandardHelpOptions = true,
            description = {
                "Changes the boot password of the encrypted database (supervisor). The current one comes from $"
                        + IssueCli.ENV_DB_PASSWORD + " or is typed, the new one from $" + IssueCli.ENV_DB_NEW_PASSWORD
                        + " or is typed twice; neither is ever an argument or in a log.",
                "Back the data directory up first; the audit chain keeps its key."
            })
    static final class ChangeBootPassword implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            IssueCli root = IssueCli.root(spec);
            char[] current = root.bootPassword();
            char[] next = null;
            char[] again = null;
            try {
                root.openTool(current);
                Staff me = root.user();
                next = root.terminal().secret("new boot password: ", IssueCli.ENV_DB_NEW_PASSWORD);
                if (root.env.apply(IssueCli.ENV_DB_NEW_PASSWORD) == null) {
                    again = root.terminal().secret("the same again: ", null);
                    if (!Arrays.equals(next, again)) {
                        throw new IllegalArgumentException("the two new boot passwords differ; nothing was changed");
                    }
                }
                root.tool().changeBootPassword(me, current, next);
            } finally {
                Arrays.fill(current, '\0');
                if (next != null) {
                    Arrays.fill(next, '\0');
                }
                if (again != null) {
                    Arrays.fill(again, '\0');
                }
            }
            IssueCli.out(spec)
                    .println("boot password of the issuance database in " + root.dataDir()
                            + " changed: it opens with the new one from now on (change $" + IssueCli.ENV_DB_PASSWORD
                            + " wherever it is set)");
        }
    }
}
