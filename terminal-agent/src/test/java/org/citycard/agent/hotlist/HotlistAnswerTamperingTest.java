package org.citycard.agent.hotlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.citycard.agent.journal.Journal;
import org.citycard.agent.testing.Hosts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hotlist answers between the server and the agent: someone in between (here a proxy that forwards every request
 * with its headers and rewrites the answer) must not be able to take a card off the agent's hotlist, and an answer
 * whose change type the agent does not know is refused whole, never read as a removal. A refused answer changes
 * nothing: the local hotlist keeps its cards and its version, and the next sync asks again.
 */
class HotlistAnswerTamperingTest {
    static final String TERMINAL = Hosts.TERMINAL;
    static final byte[] TAK = Hosts.tak(TERMINAL);
    static final String STOLEN = "31000000000000000001";
    static final String OTHER = "31000000000000000002";
    static final String NEW = "31000000000000000003";

    private HttpServer server;
    private HttpServer proxy;
    private Journal journal;
    /** What the server answers to ?since=3. */
    private final AtomicReference<String> changes =
            new AtomicReference<>("{\"version\":4,\"since\":3,\"asns\":[],\"changes\":[{\"version\":4,\"asn\":\"" + NEW
                    + "\",\"type\":\"ADD\"}]}");
    /** What the proxy does to an answer. */
    private final AtomicReference<java.util.function.UnaryOperator<String>> tamper = new AtomicReference<>(s -> s);

    @BeforeEach
    void setUp() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/terminal/hotlist", ex -> {
            String body = ex.getRequestURI().getQuery() == null
                    ? "{\"version\":3,\"since\":null,\"asns\":[\"" + STOLEN + "\",\"" + OTHER + "\"],\"changes\":[]}"
                    : changes.get();
            TerminalServer.reply(ex, 200, body);
        });
        server.start();
        proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        HttpClient client = HttpClient.newHttpClient();
        proxy.createContext("/", ex -> {
            try {
                HttpRequest.Builder b = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + ex.getRequestURI()));
                for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
                    if (h.getKey().toLowerCase(java.util.Locale.ROOT).startsWith("x-citycard")) {
                        b.header(h.getKey(), h.getValue().get(0));
                    }
                }
                HttpResponse<String> r = client.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
                r.headers().map().forEach((k, v) -> {
                    if (k.toLowerCase(java.util.Locale.ROOT).startsWith("x-citycard")) {
                        ex.getResponseHeaders().add(k, v.get(0));
                    }
                });
                TerminalServer.send(ex, r.statusCode(), tamper.get().apply(r.body()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        });
        proxy.start();
        journal = Journal.inMemory("tamper" + System.nanoTime());
    }

    @AfterEach
    void tearDown() {
        proxy.stop(0);
        server.stop(0);
        journal.close();
    }

    private HotlistSync sync() {
        ServerApi api = new HttpServerApi(
                        "http://127.0.0.1:" + proxy.getAddress().getPort(), Duration.ofSeconds(2))
                .authenticatedAs(TERMINAL, Hosts.signedOn(TERMINAL), () -> {});
        return new HotlistSync(api, journal.lists(), TERMINAL);
    }

    @Test
    void anUntouchedAnswer_isTaken() throws IOException {
        sync().sync("00000003", "00000000");
        sync().sync("00000004", "00000000");

        assertThat(journal.lists().hotlistVersion()).isEqualTo("00000004");
        assertThat(journal.lists().hotlisted(STOLEN)).isTrue();
        assertThat(journal.lists().hotlisted(NEW)).isTrue();
    }

    @Test
    void aChangeRewrittenInTransitToARemoval_isRefused_andTheCardStaysHotlisted() throws IOException {
        sync().sync("00000003", "00000000");
        tamper.set(s -> s.replace(
                "\"asn\":\"" + NEW + "\",\"type\":\"ADD\"", "\"asn\":\"" + STOLEN + "\",\"type\":\"REMOVE\""));

        assertThatThrownBy(() -> sync().sync("00000004", "00000000"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("MAC");

        assertThat(journal.lists().hotlisted(STOLEN)).as("still hotlisted").isTrue();
        assertThat(journal.lists().hotlistVersion())
                .as("the version held, asked again next time")
                .isEqualTo("00000003");

        tamper.set(s -> s);
        sync().sync("00000004", "00000000");
        assertThat(journal.lists().hotlisted(NEW))
                .as("the next sync takes the real answer")
                .isTrue();
        assertThat(journal.lists().hotlisted(STOLEN)).isTrue();
    }

    @Test
    void anAnswerWithoutItsMac_isRefused() throws IOException {
        sync().sync("00000003", "00000000");
        proxy.removeContext("/");
        proxy.createContext(
                "/",
                ex -> TerminalServer.send(
                        ex,
                        200,
                        "{\"version\":4,\"since\":3,\"asns\":[],\"changes\":[{\"version\":4,\"asn\":\"" + STOLEN
                                + "\",\"type\":\"REMOVE\"}]}"));

        assertThatThrownBy(() -> sync().sync("00000004", "00000000")).isInstanceOf(IOException.class);

        assertThat(journal.lists().hotlisted(STOLEN)).isTrue();
    }

    @Test
    void anUnknownChangeType_refusesTheWholeAnswer_neverARemoval() throws IOException {
        sync().sync("00000003", "00000000");
        changes.set("{\"version\":4,\"since\":3,\"asns\":[],\"changes\":[{\"version\":4,\"asn\":\"" + NEW
                + "\",\"type\":\"ADD\"},{\"version\":4,\"asn\":\"" + STOLEN + "\",\"type\":\"BLOCK\"}]}");

        assertThatThrownBy(() -> sync().sync("00000004", "00000000"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("BLOCK");

        assertThat(journal.lists().hotlisted(STOLEN)).isTrue();
        assertThat(journal.lists().hotlisted(NEW))
                .as("nothing of a refused answer is taken")
                .isFalse();
        assertThat(journal.lists().hotlistVersion()).isEqualTo("00000003");
    }
}
