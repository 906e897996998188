package org.citycard.clearing.testing;

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
 * A PostgreSQL server for the PostgreSQL suites, the HA test and the PostgreSQL benchmarks (one class for all): the one named by {@code CITYCARD_TEST_PG_URL}
 * (user {@code CITYCARD_TEST_PG_USER}, password {@code CITYCARD_TEST_PG_PASSWORD}) with a fresh database made in it,
 * or a throwaway cluster made with the installed {@code initdb} / {@code pg_ctl} in a temporary directory on a free
 * loopback port (as root it runs as the {@code postgres} user), stopped and removed by {@link #close}.
 */
public final class PostgresServer implements AutoCloseable {
    private final String url;
    private final String user;
    private final String password;
    private final Runnable stop;
    /** The throwaway cluster's data directory, or null for a server named by CITYCARD_TEST_PG_URL. */
    private final Path data;

    private PostgresServer(String url, String user, String password, Runnable stop, Path data) {
        this.data = data;
        this.url = url;
        this.user = user;
        this.password = password;
        this.stop = stop;
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

    /**
     * The process id of the throwaway cluster's postmaster (its backends are its children), for the benchmarks' CPU
     * accounting; empty for a server named by {@code CITYCARD_TEST_PG_URL} or when it cannot be read.
     */
    public Optional<Long> postmasterPid() {
        if (data == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(
                    Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** Why no server can be had here, or empty when one can. */
    public static Optional<String> unavailable() {
        String given = System.getenv("CITYCARD_TEST_PG_URL");
        if (given != null && !given.isBlank()) {
            return Optional.empty();
        }
        return binaries().isPresent()
                ? Optional.empty()
                : Optional.of("PostgreSQL is not installed (no initdb on the PATH nor under /usr/lib/postgresql/*/bin):"
                        + " install it (Debian: apt-get install -y postgresql) or set CITYCARD_TEST_PG_URL");
    }

    /** A server with a fresh, empty database {@code database}. */
    public static PostgresServer start(String database) throws IOException {
        String given = System.getenv("CITYCARD_TEST_PG_URL");
        try {
            if (given != null && !given.isBlank()) {
                String user = System.getenv().getOrDefault("CITYCARD_TEST_PG_USER", "citycard");
                String password = System.getenv().getOrDefault("CITYCARD_TEST_PG_PASSWORD", "");
                String db = database + "_" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
                try (Connection c = DriverManager.getConnection(given, user, password)) {
                    c.createStatement().execute("CREATE DATABASE " + db);
                }
                String url = given.replaceFirst("/[^/?]*(\\?|$)", "/" + db + "$1");
                return new PostgresServer(url, user, password, () -> {}, null);
            }
            Path bin =
                    binaries().orElseThrow(() -> new IOException(unavailable().orElseThrow()));
            boolean root = "root".equals(System.getProperty("user.name"));
            Path dir = Files.createTempDirectory("citycard-ha-pg-");
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
            int port = freePort();
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
                            "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c max_connections=200"
                                    + System.getenv().getOrDefault("CITYCARD_TEST_PG_OPTIONS", ""),
                            "start"),
                    root);
            Runnable stop = () -> {
                try {
                    run(
                            List.of(
                                    bin.resolve("pg_ctl").toString(),
                                    "-D",
                                    data.toString(),
                                    "-m",
                                    "immediate",
                                    "-w",
                                    "stop"),
                            root);
                } catch (IOException | InterruptedException e) {
                    // removed below all the same
                }
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder())
                            .forEach(f -> f.toFile().delete());
                } catch (IOException e) {
                    // left in the temporary directory
                }
            };
            Thread hook = new Thread(stop);
            Runtime.getRuntime().addShutdownHook(hook);
            try (Connection c =
                    DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "citycard", "")) {
                c.createStatement().execute("CREATE DATABASE " + database);
            }
            return new PostgresServer(
                    "jdbc:postgresql://127.0.0.1:" + port + "/" + database,
                    "citycard",
                    "",
                    () -> {
                        stop.run();
                        try {
                            Runtime.getRuntime().removeShutdownHook(hook);
                        } catch (IllegalStateException exiting) {
                            // the hook runs anyway
                        }
                    },
                    data);
        } catch (SQLException | InterruptedException e) {
            throw new IOException("PostgreSQL could not be started: " + e, e);
        }
    }

    /** A free loopback port. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
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
                // PATH only
            }
        }
        return candidates.stream()
                .filter(d -> Files.isExecutable(d.resolve("initdb")) && Files.isExecutable(d.resolve("pg_ctl")))
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

    @Override
    public void close() {
        stop.run();
    }
}
