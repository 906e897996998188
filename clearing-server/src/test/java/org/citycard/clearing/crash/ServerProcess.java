package org.citycard.clearing.crash;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The clearing server in its own JVM, started through {@code ServerCli} on a data directory and fixed ports, so
 * a test can kill it with SIGKILL and start it again on the same database. Derby runs with its production
 * durability (nothing in the test relaxes it).
 */
final class ServerProcess implements AutoCloseable {
    final Path dataDir;
    final int httpPort;
    final int isoPort;
    private final Path log;
    private Process process;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ServerProcess(Path dataDir) throws IOException {
        this.dataDir = dataDir;
        this.httpPort = freePort();
        this.isoPort = freePort();
        this.log = dataDir.resolveSibling(dataDir.getFileName() + "-server.log");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Starts the server and waits until both ports answer. */
    void start() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(List.of(
                        java,
                        "-Xmx384m",
                        "-Dcitycard.exchange.port=0",
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
                        "demo"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited at start; see " + log);
            }
            // health answers once the web server is up; the first administrator is created just after, by a runner
            if (listening(isoPort)
                    && get("/api/v1/health").statusCode() == 200
                    && (password != null || Files.exists(dataDir.resolve("initial-admin-password.txt")))) {
                if (password == null) {
                    changeInitialPassword();
                }
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the server did not start within 90 s; see " + log);
    }

    /** SIGKILL: no shutdown hook, no flush, no clean close of Derby. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first administrator's own password, once it has replaced the generated one (kept over restarts). */
    private String password;

    /** The server lets the first administrator do nothing before it has chosen its own password (issue 15). */
    private void changeInitialPassword() throws IOException, InterruptedException {
        String initial =
                Files.readString(dataDir.resolve("initial-admin-password.txt")).strip();
        String chosen = "crash test admin " + java.util.UUID.randomUUID();
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/v1/staff/me/password"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", auth(initial))
                        .header("Content-Type", "application/json")
                        .header("X-Requested-With", "CityCard")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"current\":\"" + initial + "\",\"new\":\"" + chosen + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 204) {
            throw new IllegalStateException(
                    "could not change the initial administrator password: " + r.statusCode() + " " + r.body());
        }
        password = chosen;
    }

    private String auth() {
        return auth(password);
    }

    private static String auth(String password) {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(30));
        if (password != null) {
            b.header("Authorization", auth());
        }
        return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", auth())
                        .header("Content-Type", "application/json")
                        .header("X-Requested-With", "CityCard")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
