package org.citycard.issuance.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the CLI in-process on one data directory, with an environment and standard input, keeping every output. */
final class CliRunner {
    final Path data;
    final Map<String, String> env = new HashMap<>();
    final List<String> transcript = new ArrayList<>();

    CliRunner(Path data) {
        this.data = data;
        env.put(IssueCli.ENV_DB_PASSWORD, "cli test boot password");
    }

    record Result(int exit, String out, String err) {}

    Result runWithInput(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--data-dir", data.toString()));
        all.addAll(List.of(args));
        int exit = IssueCli.execute(
                all.toArray(String[]::new),
                env::get,
                new ByteArrayInputStream(stdin.getBytes(Charset.defaultCharset())),
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                false);
        transcript.add(String.join(" ", args) + "\n" + out + err);
        return new Result(exit, out.toString(), err.toString());
    }

    Result run(String... args) {
        return runWithInput("", args);
    }

    /** Runs and requires exit 0. */
    String ok(String... args) {
        Result r = run(args);
        if (r.exit() != 0) {
            throw new AssertionError(
                    "issue " + String.join(" ", args) + " exited " + r.exit() + ":\n" + r.out() + r.err());
        }
        return r.out();
    }

    String okWithInput(String stdin, String... args) {
        Result r = runWithInput(stdin, args);
        if (r.exit() != 0) {
            throw new AssertionError(
                    "issue " + String.join(" ", args) + " exited " + r.exit() + ":\n" + r.out() + r.err());
        }
        return r.out();
    }

    void login(String user) {
        env.put(IssueCli.ENV_PASSWORD, "password of " + user);
        ok("login", "--user", user);
    }
}
