package org.citycard.system.ha;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.citycard.clearing.testing.PostgresServer;

/**
 * HAProxy (Debian package {@code haproxy}) run with the repository's sample configuration,
 * {@code clearing-server/deploy/haproxy.cfg}: the server lines beyond the instances given are left out, the
 * addresses come from the environment as the sample documents. ISO 8583 in TCP mode and HTTP, both with health
 * checks on the instances' actuator.
 */
public final class LoadBalancer implements AutoCloseable {
    static final Path SAMPLE = Path.of("clearing-server", "deploy", "haproxy.cfg");
    private static final Pattern SERVER_LINE = Pattern.compile("^\\s*server s(\\d+) .*$");

    private final Process process;
    private final int isoPort;
    private final int httpPort;

    private LoadBalancer(Process process, int isoPort, int httpPort) {
        this.process = process;
        this.isoPort = isoPort;
        this.httpPort = httpPort;
    }

    /** The haproxy executable, if installed. */
    public static Optional<Path> executable() {
        for (String p : List.of("/usr/sbin/haproxy", "/usr/bin/haproxy", "/usr/local/sbin/haproxy")) {
            if (Files.isExecutable(Path.of(p))) {
                return Optional.of(Path.of(p));
            }
        }
        return Optional.empty();
    }

    /** The sample configuration: in the repository root or one level up (a module's directory). */
    public static Path sample() {
        for (Path base : List.of(Path.of(""), Path.of(".."))) {
            Path p = base.resolve(SAMPLE);
            if (Files.isRegularFile(p)) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("no " + SAMPLE + " here or one directory up");
    }

    /** Starts HAProxy in front of these instances and waits until both frontends listen. */
    public static LoadBalancer start(List<ServerInstance> servers, Path dir) throws IOException, InterruptedException {
        Path haproxy = executable()
                .orElseThrow(
                        () -> new IllegalStateException("haproxy is not installed (Debian: apt-get install haproxy)"));
        String config = Files.readAllLines(sample()).stream()
                .filter(line -> {
                    Matcher m = SERVER_LINE.matcher(line);
                    return !m.matches() || Integer.parseInt(m.group(1)) <= servers.size();
                })
                .collect(Collectors.joining("\n", "", "\n"));
        Files.createDirectories(dir);
        Path cfg = dir.resolve("haproxy.cfg");
        Files.writeString(cfg, config);
        int iso = PostgresServer.freePort();
        int http = PostgresServer.freePort();
        ProcessBuilder pb = new ProcessBuilder(haproxy.toString(), "-db", "-f", cfg.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("haproxy.log").toFile()));
        Map<String, String> env = pb.environment();
        env.put("CITYCARD_LB_HOST", "127.0.0.1");
        env.put("CITYCARD_LB_ISO_PORT", Integer.toString(iso));
        env.put("CITYCARD_LB_HTTP_PORT", Integer.toString(http));
        for (int i = 0; i < servers.size(); i++) {
            env.put("CITYCARD_S" + (i + 1) + "_HOST", "127.0.0.1");
            env.put(
                    "CITYCARD_S" + (i + 1) + "_ISO_PORT",
                    Integer.toString(servers.get(i).isoPort()));
            env.put(
                    "CITYCARD_S" + (i + 1) + "_HTTP_PORT",
                    Integer.toString(servers.get(i).httpPort()));
        }
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!(ServerInstance.listening(iso) && ServerInstance.listening(http))) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IllegalStateException("haproxy did not start; see " + dir.resolve("haproxy.log"));
            }
            Thread.sleep(100);
        }
        return new LoadBalancer(p, iso, http);
    }

    public int isoPort() {
        return isoPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
