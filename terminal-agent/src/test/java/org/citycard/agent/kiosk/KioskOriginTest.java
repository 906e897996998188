package org.citycard.agent.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.citycard.agent.session.AgentEvent;
import org.citycard.agent.testing.SimRig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kiosk's local page API against what any other web page open on the kiosk PC can send: a cross-origin
 * {@code text/plain} POST (a "simple" request a browser sends without asking), a DNS-rebound Host, and a WebSocket
 * opened from a foreign origin to read the holder's events. Raw HTTP over a socket, so the test sets every header
 * as a browser (or an attacker's page) would.
 */
class KioskOriginTest {
    private static final String EVIL = "http://evil.example";
    private static final Pattern TOKEN = Pattern.compile("name=\"citycard-page-token\" content=\"([0-9a-f]+)\"");
    private SimRig rig;
    private KioskServer pages;

    @BeforeEach
    void start() throws Exception {
        rig = new SimRig();
        pages = KioskServer.start(rig.agent, 0, new KioskServer.Options(60_000, null));
    }

    @AfterEach
    void stop() {
        pages.close();
        rig.close();
    }

    private String self() {
        return "127.0.0.1:" + pages.port();
    }

    @Test
    void foreignOrigin_textPlainPay_isRefused403_andArmsNothing() throws Exception {
        Answer a = http(
                "POST",
                "/api/pay",
                self(),
                EVIL,
                "text/plain",
                null,
                "{\"department\":\"0201\",\"payee\":\"EVIL-1\",\"amount\":99900}");
        assertThat(a.status).isEqualTo(403);
        assertThat(a.contentType).startsWith("application/json");
        assertThat(a.body).contains("\"error\"").contains("http://evil.example").contains("Origin");
        assertThat(rig.agent.taps().armedRequest()).as("nothing armed").isNull();
    }

    @Test
    void foreignOrigin_evenWithJsonAndAValidToken_isRefused() throws Exception {
        String token = pageToken();
        Answer a = http("POST", "/api/load", self(), EVIL, "application/json", token, "{\"amount\":100}");
        assertThat(a.status).isEqualTo(403);
        assertThat(rig.agent.taps().armedRequest()).isNull();
    }

    @Test
    void reboundHost_isRefused403_evenForThePage() throws Exception {
        // DNS rebinding: evil.example now resolves to 127.0.0.1, the browser calls it same-origin
        Answer page = http("GET", "/kiosk", "evil.example:" + pages.port(), null, null, null, null);
        assertThat(page.status).isEqualTo(403);
        assertThat(page.body).contains("Host").contains("evil.example").doesNotContain("citycard-page-token");
        Answer pay = http(
                "POST",
                "/api/pay",
                "evil.example:" + pages.port(),
                "http://evil.example:" + pages.port(),
                "application/json",
                "00",
                "{\"department\":\"0201\",\"payee\":\"X\",\"amount\":100}");
        assertThat(pay.status).isEqualTo(403);
        assertThat(rig.agent.taps().armedRequest()).isNull();
    }

    @Test
    void ownOrigin_textPlain_isRefused415() throws Exception {
        String token = pageToken();
        Answer a = http("POST", "/api/load", self(), "http://" + self(), "text/plain", token, "{\"amount\":100}");
        assertThat(a.status).isEqualTo(415);
        assertThat(a.body).contains("application/json").contains("text/plain");
        assertThat(rig.agent.taps().armedRequest()).isNull();
    }

    @Test
    void ownOrigin_withoutTheToken_orWithAWrongOne_isRefused403() throws Exception {
        pageToken();
        Answer none =
                http("POST", "/api/load", self(), "http://" + self(), "application/json", null, "{\"amount\":100}");
        assertThat(none.status).isEqualTo(403);
        assertThat(none.body).contains("X-CityCard-Page-Token");
        Answer wrong = http(
                "POST",
                "/api/load",
                self(),
                "http://" + self(),
                "application/json",
                "0123456789abcdef",
                "{\"amount\":100}");
        assertThat(wrong.status).isEqualTo(403);
        assertThat(rig.agent.taps().armedRequest()).isNull();
    }

    @Test
    void ownOrigin_json_withThePagesToken_arms() throws Exception {
        String token = pageToken();
        Answer a = http(
                "POST",
                "/api/load",
                "localhost:" + pages.port(),
                "http://localhost:" + pages.port(),
                "application/json; charset=utf-8",
                token,
                "{\"amount\":100}");
        assertThat(a.status).isEqualTo(200);
        assertThat(rig.agent.taps().armedRequest()).isNotNull();
    }

    @Test
    void foreignOrigin_readOfTheStatus_isRefused() throws Exception {
        Answer a = http("GET", "/api/status", self(), EVIL, null, null, null);
        assertThat(a.status).isEqualTo(403);
    }

    @Test
    void webSocket_fromAForeignOrigin_isRefused_andReceivesNoEvent() throws Exception {
        // the upgrade exactly as a browser sends it from a page of evil.example
        try (Socket s = new Socket("127.0.0.1", pages.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream()
                    .write(("GET /ws HTTP/1.1\r\nHost: " + self() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                                    + "Origin: " + EVIL + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            String head = readHead(in);
            if (head.startsWith("HTTP/1.1 101")) {
                // today's code: upgraded; the holder's event reaches the foreign page
                rig.agent.events().publish(AgentEvent.of("identity", "name", "张*", "number", "1101**********1234"));
                byte[] frame = new byte[256];
                int n = in.read(frame);
                throw new AssertionError("a foreign origin opened /ws and read " + n + " bytes: "
                        + new String(frame, 2, Math.max(0, n - 2), StandardCharsets.UTF_8));
            }
            assertThat(head).startsWith("HTTP/1.1 403");
            assertThat(head).doesNotContainIgnoringCase("upgrade: websocket");
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(body).contains("Origin").contains("evil.example").contains("/ws");
        }
    }

    @Test
    void webSocket_withoutAnyOrigin_isRefused() throws Exception {
        try (Socket s = new Socket("127.0.0.1", pages.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream()
                    .write(("GET /ws HTTP/1.1\r\nHost: " + self() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            assertThat(readHead(s.getInputStream())).startsWith("HTTP/1.1 403");
        }
    }

    private static String readHead(InputStream in) throws java.io.IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            b.append((char) c);
            if (b.length() >= 4 && b.substring(b.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return b.toString();
    }

    @Test
    void webSocket_fromThePagesOwnOrigin_receivesEvents() throws Exception {
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        WebSocket ws = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .header("Origin", "http://" + self())
                .buildAsync(URI.create("ws://" + self() + "/ws"), listener(got))
                .get(10, TimeUnit.SECONDS);
        try {
            rig.agent.events().publish(AgentEvent.of("armed", "request", "load 100 fen"));
            String e;
            do {
                e = got.poll(10, TimeUnit.SECONDS);
            } while (e != null && !e.contains("\"armed\""));
            assertThat(e).contains("load 100 fen");
        } finally {
            ws.abort();
        }
    }

    private static WebSocket.Listener listener(BlockingQueue<String> got) {
        return new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                got.add(data.toString());
                webSocket.request(1);
                return null;
            }
        };
    }

    /** The token the kiosk page is served with, as the page itself reads it. */
    private String pageToken() throws Exception {
        Answer page = http("GET", "/kiosk", self(), null, null, null, null);
        assertThat(page.status).isEqualTo(200);
        Matcher m = TOKEN.matcher(page.body);
        assertThat(m.find()).as("the page carries its token").isTrue();
        return m.group(1);
    }

    private record Answer(int status, String contentType, String body) {}

    private Answer http(String method, String path, String host, String origin, String type, String token, String body)
            throws Exception {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
        if (origin != null) {
            req.append("Origin: ").append(origin).append("\r\n");
        }
        if (type != null) {
            req.append("Content-Type: ").append(type).append("\r\n");
        }
        if (token != null) {
            req.append("X-CityCard-Page-Token: ").append(token).append("\r\n");
        }
        req.append("Content-Length: ").append(content.length).append("\r\nConnection: close\r\n\r\n");
        try (Socket s = new Socket("127.0.0.1", pages.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String head = text.substring(0, split);
            Matcher ct = Pattern.compile("(?im)^content-type:\\s*(.+)$").matcher(head);
            return new Answer(
                    Integer.parseInt(head.split(" ")[1]),
                    ct.find() ? ct.group(1).trim() : "",
                    text.substring(split + 4));
        }
    }
}
