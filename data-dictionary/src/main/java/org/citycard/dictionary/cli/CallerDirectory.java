package org.citycard.dictionary.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.ParseResult;

/**
 * The directory the user typed a command in. The {@code ./citycard} launcher runs every command from the repository
 * (where the build and the default {@code ./data} live) and passes the caller's directory as the system property
 * {@value #PROPERTY}; a path the user types ({@code --csv people.csv}) means a file there, not in the repository.
 * Defaults are left as they are. Every CLI of CityCard runs its commands through {@link #strategy()}.
 */
public final class CallerDirectory {
    /** The system property the launcher sets to the caller's working directory. */
    public static final String PROPERTY = "citycard.cwd";

    private CallerDirectory() {}

    /** A path as typed, relative to the caller's directory (unchanged when absolute or when no caller is known). */
    public static Path resolve(Path typed) {
        String cwd = System.getProperty(PROPERTY);
        if (typed == null || typed.isAbsolute() || cwd == null || cwd.isBlank()) {
            return typed;
        }
        return Path.of(cwd).resolve(typed).normalize();
    }

    /** A file name or path typed as text (e.g. {@code --key-set FILE|demo}), relative to the caller's directory. */
    public static String resolve(String typed) {
        if (typed == null || typed.isBlank()) {
            return typed;
        }
        return resolve(Path.of(typed)).toString();
    }

    /**
     * The execution strategy of a CLI: after parsing, every {@link Path} option and parameter the user typed (not the
     * defaults) is resolved against the caller's directory, then the command runs as picocli's {@code RunLast}.
     */
    public static CommandLine.IExecutionStrategy strategy() {
        CommandLine.IExecutionStrategy run = new CommandLine.RunLast();
        return parseResult -> {
            resolveTyped(parseResult);
            return run.execute(parseResult);
        };
    }

    private static void resolveTyped(ParseResult r) {
        List<ArgSpec> typed = new ArrayList<>(r.matchedArgs());
        for (ArgSpec a : typed) {
            Object v = a.getValue();
            if (v instanceof Path p) {
                a.setValue(resolve(p));
            } else if (v instanceof List<?> list && list.stream().anyMatch(Path.class::isInstance)) {
                List<Object> out = new ArrayList<>();
                for (Object o : (Collection<?>) list) {
                    out.add(o instanceof Path p ? resolve(p) : o);
                }
                a.setValue(out);
            }
        }
        for (ParseResult sub : r.subcommands()) {
            resolveTyped(sub);
        }
    }
}
