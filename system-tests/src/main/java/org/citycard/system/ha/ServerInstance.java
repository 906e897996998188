package org.citycard.system.ha;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.citycard.clearing.testing.PostgresServer;

/**
 * One clearing server in its own JVM, as {@code ./citycard server --postgres} starts it: {@code ServerCli} on the
 * shared PostgreSQL database, its own data directory, fixed HTTP and ISO 8583 ports (the same again after a restart,
 * so the load balancer's configuration stays true), demo keys. {@link #kill} is SIGKILL: no shutdown hook runs.
 */
public final class ServerInstance implements AutoCloseable {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path dataDir;
    private final PostgresServer database;
    private final String adminPassword;
    private final int httpPort;
    private final int isoPort;
    private final List<String> extraArgs;
    private final List<String> jvmOptions;
    private final Path log;
    private Process process;
    private int starts;

    /** Instances still running when this JVM exits (a test or benchmark stopped midway) are stopped with it. */
    private static final java.util.Set<Process> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly)));
    }

    /** JVM options of a test instance: small heap, quick start (C1 only). */
    public static final List<String> LIGHT = List.of("-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    /** JVM options of a benchmark instance: the full JIT. */
    public static final List<String> MEASURED = List.of("-Xmx768m");

    public ServerInstance(
            String name,
            Path dataDir,
            PostgresServer database,
            String adminPassword,
            List<String> jvmOptions,
            List<String> extraArgs)
            throws IOException {
        this.name = name;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.dataDir = dataDir;
        this.database = database;
        this.adminPassword = adminPassword;
        this.extraArgs = List.copyOf(extraArgs);
        this.httpPort = PostgresServer.freePort();
        this.isoPort = PostgresServer.freePort();
        Files.createDirectories(dataDir);
        this.log = dataDir.resolveSibling(dataDir.getFileName() + "-server.log");
    }

    public String name() {
        return name;
    }

    public int httpPort() {
        return httpPort;
    }

    public int isoPort() {
        return isoPort;
    }

    public Path log() {
        return log;
    }

    public int starts() {
        return starts;
    }

    /** Starts the server and waits until its actuator health answers 200 and its ISO port listens. */
    public void start() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(jvmOptions);
        String extra = System.getenv("CITYCARD_BENCH_SERVER_OPTS");
        if (extra != null && !extra.isBlank()) {
            cmd.addAll(
                    List.of(extra.replace("{name}", name + "-" + starts).trim().split("\\s+")));
        }
        cmd.addAll(List.of(
                "-Dcitycard.exchange.port=0",
                "-Dlogging.threshold.console=WARN",
                "-cp",
                System.getProperty("java.class.path"),
                "org.citycard.clearing.cli.ServerCli",
                "--data-dir",
                dataDir.toString(),
                "--port",
                Integer.toString(httpPort),
                "--iso-port",
                Integer.toString(isoPort),
                "--key-set",
                "demo",
                "--postgres"));
        cmd.addAll(extraArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = pb.environment();
        env.put("CITYCARD_DB_URL", database.url());
        env.put("CITYCARD_DB_USER", database.user());
        env.put("CITYCARD_DB_PASSWORD", database.password());
        env.put("CITYCARD_ADMIN_PASSWORD", adminPassword);
        process = pb.start();
        LIVE.add(process);
        starts++;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "server " + name + " exited at start (" + process.exitValue() + "); see " + log);
            }
            if (healthy() && listening(isoPort)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("server " + name + " did not start within 180 s; see " + log);
    }

    /** The running server's process id (for the benchmarks' CPU accounting), or -1 when not started. */
    public long pid() {
        return process == null ? -1 : process.pid();
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** GET /actuator/health answers 200 (what the load balancer checks). */
    public boolean healthy() {
        try {
            HttpResponse<Void> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/health"))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL (kill -9) and wait for the process to be gone. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            LIVE.remove(process);
        }
    }

    static boolean listening(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                kill();
            }
            LIVE.remove(process);
        }
    }

    @Override
    public String toString() {
        return "server " + name + " (http " + httpPort + ", iso " + isoPort + ")";
    }
}
