package org.citycard.issuance.desk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.citycard.issuance.IssuanceTool;
import org.citycard.issuance.server.CardRegistryClient;

/**
 * The desk's web server: the JDK's HTTP server on localhost (or the address asked for), static pages from the class
 * path, and the JSON API of {@link DeskApi}. A few threads serve the staff side by side; the database takes their
 * transactions in turn.
 */
public final class DeskServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DeskServer.class.getName());
    private static final long MAX_BODY = 4L * 1024 * 1024;
    private static final Map<String, String> PAGES = Map.of(
            "/", "desk.html",
            "/desk", "desk.html",
            "/desk.js", "desk.js",
            "/desk.css", "desk.css");

    private final HttpServer http;
    private final ExecutorService threads;
    private final DeskApi api;
    private final ObjectMapper json = new ObjectMapper();

    private DeskServer(HttpServer http, ExecutorService threads, DeskApi api) {
        this.http = http;
        this.threads = threads;
        this.api = api;
    }

    /**
     * Serves the desk.
     *
     * @param bind the address to listen on, 127.0.0.1 unless the card centre's network is meant
     * @param port 0 for any free port
     * @param idle how long a session may be idle before it ends
     */
    public static DeskServer start(IssuanceTool tool, CardRegistryClient server, String bind, int port, Duration idle)
            throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(bind, port), 0);
        ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "desk-http");
            t.setDaemon(true);
            return t;
        });
        DeskApi api = new DeskApi(tool, server, new DeskSessions(tool.staff(), tool.clock(), idle));
        DeskServer desk = new DeskServer(http, threads, api);
        http.createContext("/", desk::handle);
        http.setExecutor(threads);
        http.start();
        LOG.log(System.Logger.Level.DEBUG, "desk on http://" + bind + ":" + desk.port() + "/desk");
        return desk;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getPath();
            x.getResponseHeaders().set("Cache-Control", "no-store");
            x.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            x.getResponseHeaders().set("X-Frame-Options", "DENY");
            x.getResponseHeaders()
                    .set(
                            "Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'");
            if (x.getRequestMethod().equals("GET") && PAGES.containsKey(path)) {
                staticFile(x, PAGES.get(path));
                return;
            }
            if (path.startsWith("/api/")) {
                DeskApi.Request req = request(x, path);
                DeskApi.Reply r = api.handle(req);
                r.headers().forEach((k, v) -> x.getResponseHeaders().add(k, v));
                byte[] body =
                        r.html() != null ? r.html().getBytes(StandardCharsets.UTF_8) : json.writeValueAsBytes(r.body());
                x.getResponseHeaders()
                        .set(
                                "Content-Type",
                                r.html() != null ? "text/html; charset=utf-8" : "application/json; charset=utf-8");
                x.sendResponseHeaders(r.status(), body.length);
                x.getResponseBody().write(body);
                return;
            }
            byte[] body = ("没有这个页面 No page " + path + " — /desk").getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            x.sendResponseHeaders(404, body.length);
            x.getResponseBody().write(body);
        } catch (RuntimeException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "desk request " + x.getRequestURI().getPath() + " failed",
                    e);
        }
    }

    private DeskApi.Request request(HttpExchange x, String path) throws IOException {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = x.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String kv : raw.split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    query.put(
                            URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        JsonNode body = null;
        if (x.getRequestMethod().equals("POST")) {
            byte[] bytes = x.getRequestBody().readNBytes((int) MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new IllegalArgumentException("request larger than " + MAX_BODY + " bytes");
            }
            body = bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
        }
        return new DeskApi.Request(
                x.getRequestMethod(),
                path,
                query,
                body,
                cookie(x.getRequestHeaders().getFirst("Cookie")).orElse(null),
                x.getRequestHeaders().getFirst("X-CSRF-Token"));
    }

    private static Optional<String> cookie(String header) {
        if (header == null) {
            return Optional.empty();
        }
        for (String part : header.split(";")) {
            String p = part.strip();
            if (p.startsWith(DeskSessions.COOKIE + "=")) {
                return Optional.of(p.substring(DeskSessions.COOKIE.length() + 1));
            }
        }
        return Optional.empty();
    }

    private void staticFile(HttpExchange x, String file) throws IOException {
        try (InputStream in = DeskServer.class.getResourceAsStream("web/" + file)) {
            if (in == null) {
                x.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = in.readAllBytes();
            x.getResponseHeaders().set("Content-Type", type(file));
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
        }
    }

    private static String type(String file) {
        if (file.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (file.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        return "text/css; charset=utf-8";
    }

    @Override
    public void close() {
        http.stop(0);
        api.close();
        threads.shutdownNow();
    }
}
