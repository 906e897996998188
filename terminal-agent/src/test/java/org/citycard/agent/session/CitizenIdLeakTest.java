package org.citycard.agent.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.citycard.agent.hotlist.HttpServerApi;
import org.citycard.agent.purse.CardQueries;
import org.citycard.agent.purse.PurseCard;
import org.citycard.agent.testing.SimRig;
import org.citycard.applet.sim.SimulatedCard;
import org.citycard.dictionary.validate.CitizenId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A kiosk identity query whose social-security summary fails (the clearing server answers 503, or cannot be reached
 * at all): the card's full citizen ID number, which the agent holds and sends to the server, appears in no log line
 * of the agent's process (every JUL record at every level, the JDK's HTTP client's debug records too, each with its
 * stack) and in no event a page or the console sees, in the events' own text or as the JSON the pages get. Only its
 * masked form is shown. (With the root logger at ALL this failed before {@code HttpClientLogs}: the JDK client's FINE
 * records carry the request URL, which holds the ID number.)
 */
class CitizenIdLeakTest {
    private static final String ASN = "31000000000000043210";
    private static final String PIN = "123456";

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        private final SimpleFormatter format = new SimpleFormatter();

        @Override
        public void publish(LogRecord r) {
            // the stand-in clearing server's own log (logger com.sun.net.httpserver) is the server's, not the agent's
            if (String.valueOf(r.getLoggerName()).startsWith("com.sun.net.httpserver")
                    || String.valueOf(r.getSourceClassName()).startsWith("sun.net.httpserver")) {
                return;
            }
            logged.add(format.format(r)); // message with its parameters filled in, and the stack of any throwable
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private Level rootLevel;
    private HttpServer clearing;
    private volatile SimRig rig;

    @BeforeEach
    void setUp() throws IOException {
        Logger root = Logger.getLogger("");
        rootLevel = root.getLevel();
        root.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
        clearing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        clearing.createContext("/", ex -> {
            requests.add(ex.getRequestURI().toString());
            if (ex.getRequestURI().getPath().equals("/api/v1/terminal/challenges")) {
                // the challenge comes (MACed as the server's), the card answers it, the query itself is refused
                org.citycard.agent.testing.StandInAnswers.reply(ex, rig, 200, "{\"challenge\":\"1122334455667788\"}");
                return;
            }
            byte[] b = "{\"error\":\"maintenance\"}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(503, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        clearing.start();
    }

    @AfterEach
    void tearDown() {
        Logger root = Logger.getLogger("");
        root.removeHandler(capture);
        root.setLevel(rootLevel);
        clearing.stop(0);
    }

    @Test
    void anIdentityTap_whoseSummaryTheServerRefuses_logsAndShowsTheIdNumberOnlyMasked() throws Exception {
        String base = "http://127.0.0.1:" + clearing.getAddress().getPort();
        AgentEvent e = identityTap(base);
        String id = fullIdOnTheCard();

        assertThat(requests)
                .as("the summary was asked for (the ID was read from the card by the agent)")
                .anyMatch(r -> r.contains("/social-security"));
        assertThat(requests)
                .as("no ID number in any URL: the server takes the citizen from the card (issue 15)")
                .noneMatch(r -> r.contains(id) || r.contains(CitizenId.mask(id)));
        assertThat(e.type()).isEqualTo("identity");
        assertThat(String.valueOf(e.data().get("socialSecurity")))
                .contains("503")
                .doesNotContain(id);
        assertNowhere(id);
    }

    @Test
    void anIdentityTap_whenTheServerCannotBeReached_logsAndShowsTheIdNumberOnlyMasked() throws Exception {
        String base = "http://127.0.0.1:" + clearing.getAddress().getPort();
        clearing.stop(0); // nothing listens there any more: the connection is refused
        AgentEvent e = identityTap(base);
        String id = fullIdOnTheCard();

        assertThat(e.type()).isEqualTo("identity");
        assertThat(String.valueOf(e.data().get("socialSecurity")))
                .contains("cannot reach the clearing server"); // at the challenge: the ID number was not sent
        assertNowhere(id);
    }

    private final List<AgentEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> eventJson = new CopyOnWriteArrayList<>();
    private SimulatedCard card;

    /** An identity tap on an agent whose server is at {@code base}; the PIN typed when it is asked for. */
    private AgentEvent identityTap(String base) throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (SimRig rig = new SimRig(new HttpServerApi(base, Duration.ofSeconds(2)))) {
            this.rig = rig;
            card = rig.card(ASN, 1_500);
            rig.agent.events().subscribe(ev -> {
                events.add(ev);
                try {
                    eventJson.add(json.writeValueAsString(ev));
                } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
                    throw new IllegalStateException(x);
                }
                if (ev.type().equals("pin")) {
                    rig.agent.taps().offerPin(PIN.toCharArray());
                }
            });
            rig.agent.taps().pinWait(10_000);
            rig.agent.taps().arm(new TapRequest.Query(true));
            return rig.agent.tap(SimRig.direct(card));
        }
    }

    /** The social-security number the card holds, read from it directly with the PIN (the test's own tap). */
    private String fullIdOnTheCard() {
        PurseCard.select(SimRig.direct(card));
        String id = CardQueries.identity(SimRig.direct(card), PIN.toCharArray()).socialSecurityNumber();
        assertThat(id).hasSize(18);
        return id;
    }

    private void assertNowhere(String id) {
        assertThat(logged).as("the agent logged something during the tap").isNotEmpty();
        assertThat(String.join("\n", logged)).as("the JUL log output").doesNotContain(id);
        assertThat(events).as("events").isNotEmpty();
        assertThat(events.toString()).as("the events").doesNotContain(id);
        assertThat(String.join("\n", eventJson))
                .as("the events as the pages get them")
                .doesNotContain(id);
        for (AgentEvent ev : events) {
            assertThat(ev.data().values().stream().map(String::valueOf))
                    .as("event %s", ev.type())
                    .noneMatch(v -> v.contains(id));
        }
    }
}
