package org.citycard.agent.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.citycard.agent.testing.SimRig;
import org.citycard.dictionary.wire.TerminalType;
import org.junit.jupiter.api.Test;

/**
 * The pages offer only what the terminal's type may do (dictionary table terminal-type): a kiosk serves no counter
 * page and arms no load on {@code POST /api/load}; a counter serves both.
 */
class TypeRoutesTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(KioskServer pages, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pages.port() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A page's token, as the page itself sends it (the page guard refuses a call without one). */
    private String token(KioskServer pages) throws Exception {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        "name=\"citycard-page-token\" content=\"([^\"]+)\"")
                .matcher(get(pages, "/kiosk").body());
        assertThat(m.find()).as("the page carries its token").isTrue();
        return m.group(1);
    }

    private HttpResponse<String> load(KioskServer pages) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pages.port() + "/api/load"))
                        .header("Content-Type", "application/json")
                        .header("X-CityCard-Page-Token", token(pages))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":5000}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aKiosk_servesNoCounterPage_andArmsNoLoad() throws Exception {
        try (SimRig rig = new SimRig();
                KioskServer pages =
                        KioskServer.start(rig.agent, 0, new KioskServer.Options(60_000, null), TerminalType.KIOSK)) {
            assertThat(get(pages, "/kiosk").statusCode()).isEqualTo(200);
            assertThat(get(pages, "/counter").statusCode()).isEqualTo(404);

            HttpResponse<String> r = load(pages);

            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).contains("kiosk 自助终端").contains("/api/load");
            assertThat(rig.agent.taps().armedRequest()).as("nothing armed").isNull();
            assertThat(get(pages, "/api/status").statusCode())
                    .as("the other routes stay")
                    .isEqualTo(200);
        }
    }

    @Test
    void aCounter_servesTheCounterPage_andArmsALoad() throws Exception {
        try (SimRig rig = new SimRig();
                KioskServer pages =
                        KioskServer.start(rig.agent, 0, new KioskServer.Options(60_000, null), TerminalType.COUNTER)) {
            assertThat(get(pages, "/counter").statusCode()).isEqualTo(200);
            assertThat(load(pages).statusCode()).isEqualTo(200);
            assertThat(rig.agent.taps().armedRequest()).isNotNull();
        }
    }
}
