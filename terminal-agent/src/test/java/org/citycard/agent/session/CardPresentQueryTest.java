package org.citycard.agent.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.citycard.agent.hotlist.HttpServerApi;
import org.citycard.agent.testing.SimRig;
import org.citycard.agent.testing.StandInAnswers;
import org.citycard.applet.sim.SimulatedCard;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.crypto.KeySet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kiosk's identity query with the card present (CARD-SPEC §4.6, issue 15): after the PIN, the agent asks the
 * server for a challenge, the real SSSE applet (jCardSim, personalised with its DIAK) answers INTERNAL AUTHENTICATE,
 * and the query carries ASN, challenge and cryptogram. The stand-in server checks the cryptogram as the clearing
 * server does (DIAK = diversify(MIAK, ASN), demo keys) and answers only then.
 */
class CardPresentQueryTest {
    private static final String ASN = "31000000000000054321";
    private static final String PIN = "123456";
    private static final CardCrypto CRYPTO = CardCrypto.tdes();

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> challenges = new CopyOnWriteArrayList<>();
    private HttpServer clearing;
    private volatile SimRig rig;

    @BeforeEach
    void setUp() throws IOException {
        clearing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        clearing.createContext("/api/v1/terminal/challenges", ex -> {
            requests.add(ex.getRequestMethod() + " " + ex.getRequestURI());
            byte[] c = new byte[8];
            new java.security.SecureRandom().nextBytes(c);
            String hex = HexFormat.of().withUpperCase().formatHex(c);
            challenges.add(hex);
            StandInAnswers.reply(
                    ex, rig, "POST".equals(ex.getRequestMethod()) ? 200 : 405, "{\"challenge\":\"" + hex + "\"}");
        });
        clearing.createContext("/api/v1/terminal/cardholder/", ex -> {
            requests.add(ex.getRequestMethod() + " " + ex.getRequestURI());
            Map<String, String> q = query(ex.getRequestURI().getRawQuery());
            boolean present = q.containsKey("challenge")
                    && challenges.remove(q.get("challenge"))
                    && q.get("asn").equals(ASN)
                    && q.get("cryptogram").equals(expected(q.get("asn"), q.get("challenge")));
            StandInAnswers.reply(
                    ex, rig, present ? 200 : 404, present ? "{\"citizen\":\"masked\",\"contributions\":[]}" : "{}");
        });
        clearing.start();
    }

    @AfterEach
    void tearDown() {
        clearing.stop(0);
    }

    @Test
    void anIdentityTap_asksAChallenge_andTheCardsCryptogramGetsTheSummary() throws Exception {
        AgentEvent e;
        try (SimRig rig = new SimRig(
                new HttpServerApi("http://127.0.0.1:" + clearing.getAddress().getPort(), Duration.ofSeconds(2)))) {
            this.rig = rig;
            SimulatedCard card = rig.card(ASN, 1_500);
            rig.agent.events().subscribe(ev -> {
                if (ev.type().equals("pin")) {
                    rig.agent.taps().offerPin(PIN.toCharArray());
                }
            });
            rig.agent.taps().pinWait(10_000);
            rig.agent.taps().arm(new TapRequest.Query(true));
            e = rig.agent.tap(SimRig.direct(card));
        }

        assertThat(e.type()).isEqualTo("identity");
        assertThat(String.valueOf(e.data().get("socialSecurity")))
                .as("the stand-in server answered: the cryptogram verified")
                .contains("contributions")
                .doesNotContain("unavailable");
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0)).isEqualTo("POST /api/v1/terminal/challenges");
        assertThat(requests.get(1))
                .as("no citizen ID in the URL: the server takes the citizen from the card")
                .startsWith("GET /api/v1/terminal/cardholder/social-security?asn=" + ASN + "&challenge=")
                .contains("&cryptogram=");
        assertThat(challenges).as("the challenge was used").isEmpty();
    }

    private static String expected(String asn, String challenge) {
        byte[] diak = CRYPTO.cardKey(KeySet.demo().key("MIAK"), asn);
        return HexFormat.of()
                .withUpperCase()
                .formatHex(CRYPTO.internalAuthenticate(diak, HexFormat.of().parseHex(challenge)));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> m = new java.util.HashMap<>();
        if (raw != null) {
            for (String kv : raw.split("&")) {
                int i = kv.indexOf('=');
                m.put(kv.substring(0, i), kv.substring(i + 1));
            }
        }
        return m;
    }
}
