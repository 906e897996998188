package org.citycard.clearing.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the PostgreSQL suites. Either the one named by {@code CITYCARD_TEST_PG_URL} (with
 * {@code CITYCARD_TEST_PG_USER} / {@code CITYCARD_TEST_PG_PASSWORD}), or a throwaway cluster this class creates with
 * the installed {@code initdb} and {@code pg_ctl} (on the PATH or under /usr/lib/postgresql/VERSION/bin) in a
 * temporary directory, on a free loopback port, started once per test JVM and stopped at its exit. As root the
 * cluster runs as the {@code postgres} user, as PostgreSQL requires.
 */
public final class PostgresCluster {
    private static Optional<PostgresCluster> instance;
    private static String unavailable;

    private final String url;
    private final String user;
    private final String password;

    private PostgresCluster(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Why there is no server, when there is none. */
    public static synchronized String unavailableReason() {
        get();
        return unavailable;
    }

    public static synchronized Optional<PostgresCluster> get() {
        if (instance == null) {
            try {
                instance = Optional.of(start());
            } catch (Unavailable e) {
                unavailable = e.getMessage();
                instance = Optional.empty();
            }
        }
        return instance;
    }

    private static PostgresCluster start() throws Unavailable {
        String given = System.getenv("CITYCARD_TEST_PG_URL");
        if (given != null && !given.isBlank()) {
            String user = System.getenv().getOrDefault("CITYCARD_TEST_PG_USER", "citycard");
            String password = System.getenv().getOrDefault("CITYCARD_TEST_PG_PASSWORD", "");
            check(given, user, password);
            return new PostgresCluster(given, user, password);
        }
        Path bin = binaries()
                .orElseThrow(() -> new Unavailable("PostgreSQL is not installed (no initdb on the PATH"
                        + " nor under /usr/lib/postgresql/*/bin): install it (Debian: apt-get install -y postgresql) or set"
                        + " CITYCARD_TEST_PG_URL to run the PostgreSQL suites"));
        try {
            boolean root = "root".equals(System.getProperty("user.name"));
            Path dir = Files.createTempDirectory("citycard-pg-");
            Path data = dir.resolve("data");
            if (root) {
                run(List.of("chown", "-R", "postgres:postgres", dir.toString()), false);
            }
            run(
                    List.of(
                            bin.resolve("initdb").toString(),
                            "-D",
                            data.toString(),
                            "-U",
                            "citycard",
                            "-A",
                            "trust",
                            "-E",
                            "UTF8",
                            "--no-sync"),
                    root);
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            run(
                    List.of(
                            bin.resolve("pg_ctl").toString(),
                            "-D",
                            data.toString(),
                            "-l",
                            dir.resolve("server.log").toString(),
                            "-w",
                            "-t",
                            "60",
                            "-o",
                            "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1",
                            "start"),
                    root);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(bin, data, dir, root)));
            String admin = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
            try (Connection c = DriverManager.getConnection(admin, "citycard", "")) {
                c.createStatement().execute("CREATE DATABASE citycard_test");
            }
            return new PostgresCluster("jdbc:postgresql://127.0.0.1:" + port + "/citycard_test", "citycard", "");
        } catch (IOException | SQLException | InterruptedException e) {
            throw new Unavailable("PostgreSQL is installed but a throwaway cluster could not be started: " + e);
        }
    }

    private static void check(String url, String user, String password) throws Unavailable {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.isValid(5);
        } catch (SQLException e) {
            throw new Unavailable("CITYCARD_TEST_PG_URL " + url + " does not answer: " + e.getMessage());
        }
    }

    private static Optional<Path> binaries() {
        List<Path> candidates = new ArrayList<>();
        for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            candidates.add(Path.of(p));
        }
        Path lib = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> versions = Files.list(lib)) {
                versions.map(v -> v.resolve("bin"))
                        .sorted(Comparator.comparing(Path::toString).reversed())
                        .forEach(candidates::add);
            } catch (IOException e) {
                // no versions listed: PATH only
            }
        }
        return candidates.stream()
                .filter(d -> Files.isExecutable(d.resolve("initdb")) && Files.isExecutable(d.resolve("pg_ctl")))
                .map(d -> {
                    try {
                        return d.resolve("initdb").toRealPath().getParent();
                    } catch (IOException e) {
                        return d;
                    }
                })
                .findFirst();
    }

    private static void run(List<String> command, boolean asPostgres) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (asPostgres) {
            cmd.addAll(Arrays.asList("runuser", "-u", "postgres", "--"));
        }
        cmd.addAll(command);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out.strip());
        }
    }

    private static void stop(Path bin, Path data, Path dir, boolean root) {
        try {
            run(
                    List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"),
                    root);
        } catch (IOException | InterruptedException e) {
            // the JVM is exiting; the temporary directory goes below
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // left in the temporary directory
        }
    }

    private static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }
}
