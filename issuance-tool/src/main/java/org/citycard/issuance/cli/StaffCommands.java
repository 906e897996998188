package org.citycard.issuance.cli;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.citycard.issuance.staff.PasswordHasher;
import org.citycard.issuance.staff.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Staff accounts and log-in. */
final class StaffCommands {
    private StaffCommands() {}

    private static char[] newPassword(IssueCli root, String user) {
        char[] a = root.terminal().secret("new password for " + user + ": ", IssueCli.ENV_PASSWORD);
        if (root.env.apply(IssueCli.ENV_PASSWORD) == null) {
            char[] b = root.terminal().secret("the same again: ", null);
            if (!Arrays.equals(a, b)) {
                PasswordHasher.wipe(a);
                PasswordHasher.wipe(b);
                throw new IllegalArgumentException("the two passwords differ; nothing was changed");
            }
            PasswordHasher.wipe(b);
        }
        return a;
    }

    @Command(
            name = "staff",
            mixinStandardHelpOptions = true,
            description = "Staff accounts: the first supervisor, adding accounts with roles, disabling them.",
            subcommands = {Init.class, Add.class, ListStaff.class, Disable.class, Enable.class, Passwd.class})
    static final class Group implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(IssueCli.out(spec));
        }
    }

    @Command(name = "init", mixinStandardHelpOptions = true, description = "Creates the first account, a supervisor.")
    static final class Init implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(
                names = {"-u", "--user"},
                required = true,
                description = "user name")
        String user;

        @Option(
                names = {"-n", "--name"},
                description = "display name")
        String name;

        @Override
        public void run() {
            IssueCli root = IssueCli.root(spec);
            char[] pw = newPassword(root, user);
            try {
                root.tool().staff().bootstrap(user, name == null ? user : name, pw);
            } finally {
                PasswordHasher.wipe(pw);
            }
            IssueCli.out(spec)
                    .println("supervisor " + user + " created; log in with: ./citycard issue login --user " + user);
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Adds an account (supervisor only).")
    static final class Add implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(
                names = {"-u", "--user"},
                required = true,
                description = "user name")
        String user;

        @Option(
                names = {"-n", "--name"},
                description = "display name")
        String name;

        @Option(
                names = {"-r", "--role"},
                required = true,
                split = ",",
                description = "clerk, reviewer, operator, custodian, supervisor (several separated by commas)")
        List<String> roles;

        @Override
        public void run() {
            IssueCli root = IssueCli.root(spec);
            org.citycard.issuance.staff.Staff me = root.user();
            Set<Role> set =
                    roles.stream().map(Role::parse).collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
            char[] pw = newPassword(root, user);
            try {
                root.tool().staff().add(me, user, name == null ? user : name, set, pw);
            } finally {
                PasswordHasher.wipe(pw);
            }
            IssueCli.out(spec)
                    .println("account " + user + " added with roles "
                            + set.stream()
                                    .map(r -> r.shortName() + " (" + r.zh() + ")")
                                    .toList());
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the accounts (supervisor only).")
    static final class ListStaff implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            IssueCli root = IssueCli.root(spec);
            for (org.citycard.issuance.staff.Staff s : root.tool().staff().list(root.user())) {
                IssueCli.out(spec)
                        .printf(
                                "%-16s %-24s %-8s %s%n",
                                s.username(),
                                s.displayName(),
                                s.active() ? "active" : "disabled",
                                s.roles().stream().sorted().map(Role::shortName).collect(Collectors.joining(",")));
            }
        }
    }

    @Command(
            name = "disable",
            mixinStandardHelpOptions = true,
            description = "Disables an account and ends its sessions.")
    static final class Disable implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "USER", description = "user name")
        String user;

        @Override
        public void run() {
            IssueCli root = IssueCli.root(spec);
            root.tool().staff().setActive(root.user(), user, false);
            IssueCli.out(spec).println("account " + user + " disabled");
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enables (unlocks) an account.")
    static final class Enable implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "USER", description = "user name")
        String user;

        @Override
        public void run() {
            IssueCli root = IssueCli.root(spec);
            root.tool().staff().setActive(root.user(), user, true);
            IssueCli.out(spec).println("account " + user + " enabled");
        }
    }

    @Command(
            name = "passwd",
            mixinStandardHelpOptions = true,
            description = "Changes your password, or anyone's (supervisor).")
    static final class Passwd implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "USER", arity = "0..1", description = "user name (default: yourself)")
        String user;

        @Override
        public void run() {
            IssueCli root = IssueCli.root(spec);
            org.citycard.issuance.staff.Staff me = root.user();
            String who = user == null ? me.username() : user;
            char[] old = who.equals(me.username()) ? root.terminal().secret("current password: ", null) : null;
            char[] pw = newPassword(root, who);
            try {
                root.tool().staff().changePassword(me, who, old, pw);
            } finally {
                PasswordHasher.wipe(pw);
                PasswordHasher.wipe(old);
            }
            IssueCli.out(spec).println("password of " + who + " changed");
        }
    }

    @Command(
            name = "login",
            mixinStandardHelpOptions = true,
            description = "Logs in on this data directory: the session ends at logout, after 15 minutes idle"
                    + " (-Dcitycard.issue.session-idle-minutes) or after 8 hours; it is this OS user's only.")
    static final class Login implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(
                names = {"-u", "--user"},
                required = true,
                description = "user name")
        String user;

        @Override
        public void run() {
            IssueCli root = IssueCli.root(spec);
            char[] pw = root.terminal().secret("password of " + user + ": ", IssueCli.ENV_PASSWORD);
            try {
                String token = root.tool().staff().login(user, pw, IssueCli.osUser());
                root.endSession(); // the one before at this desk (another member of staff, maybe) ends here
                root.saveSession(token);
            } finally {
                PasswordHasher.wipe(pw);
            }
            org.citycard.issuance.staff.Staff s = root.user();
            IssueCli.out(spec)
                    .println("logged in as " + s.username() + " ("
                            + s.roles().stream()
                                    .sorted()
                                    .map(r -> r.en() + " " + r.zh())
                                    .collect(Collectors.joining(", "))
                            + ")");
        }
    }

    @Command(name = "logout", mixinStandardHelpOptions = true, description = "Ends the session.")
    static final class Logout implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            IssueCli root = IssueCli.root(spec);
            root.endSession();
            IssueCli.out(spec).println("logged out");
        }
    }

    @Command(name = "whoami", mixinStandardHelpOptions = true, description = "Shows who is logged in.")
    static final class WhoAmI implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            org.citycard.issuance.staff.Staff s = IssueCli.root(spec).user();
            IssueCli.out(spec)
                    .println(s.username() + " (" + s.displayName() + "): "
                            + s.roles().stream().sorted().map(Role::shortName).collect(Collectors.joining(", ")));
        }
    }
}
