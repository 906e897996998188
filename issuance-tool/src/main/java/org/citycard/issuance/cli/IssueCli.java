package org.citycard.issuance.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Function;
import org.citycard.cardlink.CardLostException;
import org.citycard.cardlink.perso.CardAlreadyIssuedException;
import org.citycard.cardlink.perso.CardCommandException;
import org.citycard.cardlink.perso.PersoVerificationException;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.dictionary.validate.ValidationException;
import org.citycard.issuance.IssuanceTool;
import org.citycard.issuance.enrolment.EnrolmentRefusedException;
import org.citycard.issuance.keys.KeyCeremonyException;
import org.citycard.issuance.server.CardRegistryClient;
import org.citycard.issuance.server.HttpCardRegistryClient;
import org.citycard.issuance.server.ServerException;
import org.citycard.issuance.staff.AccessDeniedException;
import org.citycard.issuance.staff.Staff;
import org.citycard.issuance.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code ./citycard issue}: the issuance tool of the card centre's staff. A thin layer over the library ({@link
 * IssuanceTool}): each subcommand parses its options, calls one service and prints the outcome.
 */
@Command(
        name = "issue",
        mixinStandardHelpOptions = true,
        version = "CityCard issuance tool 0.1",
        description =
                "The issuance tool (发卡): staff, enrolment, comparison, workflow, keys, personalisation, card life.",
        subcommands = {
            StaffCommands.Group.class,
            StaffCommands.Login.class,
            StaffCommands.Logout.class,
            StaffCommands.WhoAmI.class,
            EnrolCommands.Enrol.class,
            EnrolCommands.Edit.class,
            EnrolCommands.Registry.class,
            EnrolCommands.Compare.class,
            EnrolCommands.Review.class,
            EnrolCommands.Status.class,
            KeyCommands.Keys.class,
            ProductionCommands.Batch.class,
            ProductionCommands.Psam.class,
            ProductionCommands.ReadersCommand.class,
            LifeCommands.Distribute.class,
            LifeCommands.Activate.class,
            LifeCommands.Loss.class,
            LifeCommands.Found.class,
            LifeCommands.Replace.class,
            LifeCommands.Settle.class,
            LifeCommands.Renew.class,
            LifeCommands.AnnualReview.class,
            LifeCommands.Cancel.class,
            LifeCommands.Refund.class,
            LifeCommands.DepositRefund.class,
            LifeCommands.PinReset.class,
            LifeCommands.Rekey.class,
            LifeCommands.Expire.class,
            LifeCommands.ServerSync.class,
            AuditCommands.Audit.class,
            DatabaseCommands.Db.class,
            DeskCommand.class
        })
public final class IssueCli implements Runnable {
    /** Environment variables the tool reads. */
    static final String ENV_DATA = "CITYCARD_ISSUE_DATA";

    static final String ENV_PASSWORD = "CITYCARD_ISSUE_PASSWORD";
    /** The boot password of the data directory's encrypted database. */
    static final String ENV_DB_PASSWORD = "CITYCARD_ISSUANCE_DB_PASSWORD";
    /** The new boot password, for {@code issue db change-boot-password} run by a script. */
    static final String ENV_DB_NEW_PASSWORD = "CITYCARD_ISSUANCE_DB_NEW_PASSWORD";

    static final String ENV_KEYSTORE_PASSWORD = "CITYCARD_KEYSTORE_PASSWORD";
    static final String ENV_SERVER = "CITYCARD_SERVER_URL";
    static final String ENV_SERVER_USER = "CITYCARD_SERVER_USER";
    static final String ENV_SERVER_PASSWORD = "CITYCARD_SERVER_PASSWORD";

    @Spec
    CommandSpec spec;

    @Option(
            names = {"-d", "--data-dir"},
            scope = ScopeType.INHERIT,
            paramLabel = "DIR",
            description = "data directory (default $" + ENV_DATA + " or ./data/issuance)")
    Path data;

    @Option(names = "--data", scope = ScopeType.INHERIT, hidden = true, description = "old name of --data-dir")
    void oldData(Path dir) {
        org.citycard.dictionary.cli.CliSupport.deprecated("--data", "--data-dir");
        this.data = dir;
    }

    @Option(
            names = {"--server-url"},
            scope = ScopeType.INHERIT,
            paramLabel = "URL",
            description = "clearing server, e.g. http://localhost:8080 (default $" + ENV_SERVER + ")")
    URI server;

    @Option(
            names = {"-s", "--server"},
            scope = ScopeType.INHERIT,
            hidden = true,
            description = "old name of --server-url")
    void oldServer(URI url) {
        org.citycard.dictionary.cli.CliSupport.deprecated("--server", "--server-url");
        this.server = url;
    }

    @Option(
            names = "--server-user",
            scope = ScopeType.INHERIT,
            paramLabel = "NAME",
            description = "the server's staff account with the CARD_CENTRE role (default $" + ENV_SERVER_USER
                    + "; password $" + ENV_SERVER_PASSWORD + ")")
    String serverUser;

    @Option(
            names = "--encrypt-existing",
            scope = ScopeType.INHERIT,
            description = "encrypt the data directory's database, made before the tool encrypted it, under the boot"
                    + " password (once; back the directory up first)")
    boolean encryptExisting;

    Function<String, String> env = System::getenv;
    InputStream stdin = System.in;
    boolean useConsole = true;
    private IssuanceTool tool;
    private Terminal terminal;

    public static void main(String[] args) {
        System.exit(execute(args, System::getenv, System.in, null, null, true));
    }

    /** Runs the CLI with the given environment and streams (tests); null streams are the standard ones. */
    public static int execute(
            String[] args,
            Function<String, String> env,
            InputStream stdin,
            PrintWriter out,
            PrintWriter err,
            boolean useConsole) {
        IssueCli cli = new IssueCli();
        cli.env = env;
        cli.stdin = stdin;
        cli.useConsole = useConsole;
        CommandLine cl = org.citycard.dictionary.cli.CliSupport.configure(new CommandLine(cli), "issue");
        if (out != null) {
            cl.setOut(out);
        }
        if (err != null) {
            cl.setErr(err);
        }
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + message(e));
            commandLine.getErr().flush();
            return known(e) ? 1 : 3;
        });
        try {
            return cl.execute(args);
        } finally {
            cli.closeTool();
            cl.getOut().flush();
            cl.getErr().flush();
        }
    }

    private static boolean known(Exception e) {
        return e instanceof IllegalArgumentException
                || e instanceof IllegalStateException
                || e instanceof AccessDeniedException
                || e instanceof ServerException
                || e instanceof CardCommandException
                || e instanceof CardLostException
                || e instanceof CardAlreadyIssuedException
                || e instanceof PersoVerificationException
                || e instanceof KeyCeremonyException
                || e instanceof StoreException
                || e instanceof UncheckedIOException
                || e instanceof java.util.NoSuchElementException;
    }

    private static String message(Exception e) {
        if (e instanceof EnrolmentRefusedException r) {
            StringBuilder sb = new StringBuilder("enrolment refused:");
            r.errors().forEach(fe -> sb.append("\n  ").append(fe));
            return sb.toString();
        }
        if (e instanceof ValidationException v) {
            return v.getMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    // ------------------------------------------------------------------ what the subcommands share

    Path dataDir() {
        if (data != null) {
            return data; // typed: already resolved against the caller's directory
        }
        String fromEnv = env.apply(ENV_DATA);
        return fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv) : IssuanceTool.DEFAULT_DATA_DIR;
    }

    IssuanceTool tool() {
        if (tool == null) {
            char[] boot = bootPassword();
            try {
                openTool(boot);
            } finally {
                java.util.Arrays.fill(boot, '\0');
            }
        }
        return tool;
    }

    /** The boot password of the data directory's database: $CITYCARD_ISSUANCE_DB_PASSWORD, or typed. */
    char[] bootPassword() {
        return terminal().secret("boot password of the issuance database in " + dataDir() + ": ", ENV_DB_PASSWORD);
    }

    /** Opens the tool with a boot password the caller read (and wipes), unless it is open already. */
    IssuanceTool openTool(char[] boot) {
        if (tool == null) {
            tool = IssuanceTool.open(dataDir(), boot, java.time.Clock.systemDefaultZone(), encryptExisting);
        }
        return tool;
    }

    void closeTool() {
        if (tool != null) {
            tool.close();
            tool = null;
        }
    }

    Terminal terminal() {
        if (terminal == null) {
            terminal = new Terminal(env, stdin, spec.commandLine().getOut(), useConsole);
        }
        return terminal;
    }

    /** The OS user running this command line: a session file and its token are theirs alone. */
    static String osUser() {
        return System.getProperty("user.name");
    }

    /** The OS user's session file of this data directory (mode 600, owned by them). */
    Path sessionFile() {
        return dataDir().resolve("session-" + osUser().replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    /** Keeps a new session's token (the database has its hash only), readable by this OS user alone. */
    void saveSession(String token) {
        try {
            Files.createDirectories(dataDir());
            Files.deleteIfExists(dataDir().resolve("session")); // the one file of every user, before issue 15
            Path f = sessionFile();
            Path tmp;
            try {
                tmp = Files.createTempFile(
                        dataDir(),
                        ".session-",
                        ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                tmp = Files.createTempFile(dataDir(), ".session-", ".tmp");
            }
            Files.writeString(tmp, token);
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the session file " + sessionFile(), e);
        }
    }

    /**
     * The token of this OS user's session file, or null when there is none.
     *
     * @throws AccessDeniedException when the file belongs to another OS user or others may read or change it
     */
    String sessionToken() {
        Path f = sessionFile();
        if (!Files.exists(f)) {
            return null;
        }
        try {
            try {
                String owner = Files.getOwner(f).getName();
                if (!owner.equals(osUser())) {
                    throw new AccessDeniedException("the session file " + f + " belongs to OS user " + owner
                            + ", not to " + osUser() + ": refused; log in yourself");
                }
                var perms = Files.getPosixFilePermissions(f);
                if (perms.stream()
                        .anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                    throw new AccessDeniedException("the session file " + f + " may be read by others ("
                            + PosixFilePermissions.toString(perms) + ", not rw-------): refused; log in again");
                }
            } catch (UnsupportedOperationException notPosix) {
                // no owner or mode to check on this file system
            }
            return Files.readString(f).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the session file " + f, e);
        }
    }

    /** Ends this OS user's session, in the database and the file (even a file with a wrong mode: it is ended). */
    void endSession() {
        Path f = sessionFile();
        try {
            if (Files.exists(f)) {
                tool().staff().logout(Files.readString(f).strip());
            }
            Files.deleteIfExists(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The member of staff logged in on this data directory by this OS user. */
    Staff user() {
        String token = sessionToken();
        if (token == null) {
            throw new AccessDeniedException("not logged in (or the session ended): ./citycard issue login --user NAME");
        }
        return tool().staff().requireSession(token, osUser());
    }

    /** True when a clearing server is given (option or environment). */
    boolean serverConfigured() {
        String fromEnv = env.apply(ENV_SERVER);
        return server != null || (fromEnv != null && !fromEnv.isBlank());
    }

    /** The clearing server client, or one that explains how to configure a server. */
    CardRegistryClient serverClient() {
        URI url = server;
        if (url == null) {
            String fromEnv = env.apply(ENV_SERVER);
            url = fromEnv == null || fromEnv.isBlank() ? null : URI.create(fromEnv);
        }
        if (url == null) {
            return CardRegistryClient.none();
        }
        String user = serverUser != null ? serverUser : env.apply(ENV_SERVER_USER);
        char[] password = user == null
                ? null
                : terminal().secret("password of " + user + " at the server: ", ENV_SERVER_PASSWORD);
        return tool().reportingTo(new HttpCardRegistryClient(url, user, password)); // with the audit chain head
    }

    /** A key set: "demo" by name only, otherwise a key store file (password from the environment or typed). */
    KeySet keySet(Staff user, String nameOrPath) {
        if ("demo".equals(nameOrPath)) {
            return tool().keyStores().open(user, "demo", null);
        }
        char[] password = terminal().secret("key store password: ", ENV_KEYSTORE_PASSWORD);
        try {
            return tool().keyStores()
                    .open(user, org.citycard.dictionary.cli.CallerDirectory.resolve(nameOrPath), password);
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }

    static IssueCli root(CommandSpec spec) {
        return (IssueCli) spec.root().userObject();
    }

    static PrintWriter out(CommandSpec spec) {
        return spec.commandLine().getOut();
    }
}
