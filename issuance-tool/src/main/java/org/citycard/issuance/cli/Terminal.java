package org.citycard.issuance.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.function.Function;

/**
 * The person at the desk: prompts for lines, and for secrets (passwords, key components, PINs) without echo when
 * there is a console. Without a console (a script, a test) lines come from standard input; a secret may also come
 * from a named environment variable. Secrets are char arrays, wiped by their users.
 */
final class Terminal {
    private final Function<String, String> env;
    private final PrintWriter out;
    private final Console console;
    private final BufferedReader in;

    Terminal(Function<String, String> env, InputStream stdin, PrintWriter out, boolean useConsole) {
        this.env = env;
        this.out = out;
        this.console = useConsole ? System.console() : null;
        this.in = new BufferedReader(new InputStreamReader(stdin, Charset.defaultCharset()));
    }

    String env(String name) {
        return env.apply(name);
    }

    /** A line typed by the user, or null at the end of the input. */
    String line(String prompt) {
        if (console != null) {
            return console.readLine("%s", prompt);
        }
        out.print(prompt);
        out.flush();
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A secret: from the environment variable when it is set, else typed without echo.
     *
     * @param envName an environment variable that may hold it, or null
     */
    char[] secret(String prompt, String envName) {
        if (envName != null) {
            String v = env.apply(envName);
            if (v != null && !v.isEmpty()) {
                return v.toCharArray();
            }
        }
        if (console != null) {
            char[] s = console.readPassword("%s", prompt);
            if (s == null) {
                throw new IllegalStateException("no input for: " + prompt.strip());
            }
            return s;
        }
        String line = line(prompt);
        if (line == null) {
            throw new IllegalStateException(
                    "no input for: " + prompt.strip() + (envName == null ? "" : " (or set " + envName + ")"));
        }
        return line.toCharArray();
    }
}
