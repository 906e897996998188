package org.citycard.dictionary.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What every CityCard command line shares, so the six tools behave alike: {@code --version} (the Maven project
 * version), defaults shown in every help, {@code --debug}, errors as one line that names the fix (a stack trace only
 * with {@code --debug}), and the deprecation line of an old option name kept as a hidden alias.
 */
public final class CliSupport {
    private CliSupport() {}

    private static final ThreadLocal<java.util.Set<String>> WARNED = ThreadLocal.withInitial(java.util.HashSet::new);

    /** The CityCard version, from the Maven project version (a resource filtered at build time). */
    public static String version() {
        try (InputStream in = CliSupport.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * Sets up a command and all its subcommands: version, defaults in the help, {@code --debug}, one-line errors.
     * {@code tool} prefixes the error lines ("agent: …").
     */
    public static CommandLine configure(CommandLine cl, String tool) {
        walk(cl);
        CommandLine.IExecutionStrategy run = CallerDirectory.strategy(); // paths typed are the caller's
        cl.setExecutionStrategy(parsed -> {
            try {
                return run.execute(parsed);
            } finally {
                WARNED.get().clear();
            }
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            err.println(tool + ": " + oneLine(ex));
            if (debug(parsed)) {
                ex.printStackTrace(err);
            } else {
                err.println("(run again with --debug for the details)");
            }
            err.flush();
            return 1;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            WARNED.get().clear();
            PrintWriter err = ex.getCommandLine().getErr();
            err.println(tool + ": " + ex.getMessage() + " — see `"
                    + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help`");
            err.flush();
            return 2;
        });
        return cl;
    }

    private static void walk(CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        spec.usageMessage().showDefaultValues(true);
        spec.versionProvider(() -> new String[] {spec.root().name() + " (CityCard) " + version()});
        if (spec.findOption("--debug") == null) {
            spec.addOption(OptionSpec.builder("--debug")
                    .description("on an error, print the stack trace too")
                    .arity("0")
                    .type(boolean.class)
                    .build());
        }
        cl.getSubcommands().values().stream().distinct().forEach(CliSupport::walk);
    }

    private static boolean debug(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    /** Whether these arguments ask for {@code --debug} (for a tool's own error handling). */
    public static boolean debug(String[] args) {
        return Arrays.asList(args).contains("--debug");
    }

    /**
     * An error as one line that names the fix: a port in use, a data directory another server holds, else the
     * message of the exception itself (the first of its causes that has one).
     */
    public static String oneLine(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (t instanceof java.net.BindException
                    || m.contains("Address already in use")
                    || t.getClass().getSimpleName().equals("PortInUseException")) {
                String port = m.replaceAll(".*?[Pp]ort (\\d+).*", "$1");
                return (port.matches("\\d+") ? "port " + port : "a port") + " is in use by another program: stop it,"
                        + " or choose another port with --port";
            }
            if (m.contains("Another instance of Derby may have already booted")) {
                return "the data directory is in use by another running server or tool: stop that one, or choose"
                        + " another directory with --data-dir";
            }
        }
        Throwable t = e;
        while ((t.getMessage() == null || t.getMessage().isBlank()) && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** One line on stderr for an old option name: {@code warning: --data is deprecated …: use --data-dir}. */
    public static void deprecated(String oldName, String newName) {
        // once per command run: the caller's-directory strategy sets a typed path option again after parsing
        if (!WARNED.get().add(oldName)) {
            return;
        }
        System.err.println("warning: " + oldName + " is deprecated and will go away: use " + newName);
    }
}
