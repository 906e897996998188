package org.citycard.agent.hotlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.citycard.agent.journal.Journal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HotlistSyncTest {
    private HttpServer http;
    private Journal journal;
    private final List<String> asked = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/api/v1/terminal/hotlist", ex -> {
            asked.add(ex.getRequestURI().toString());
            String time = ex.getRequestHeaders().getFirst("X-CityCard-Time");
            if (time == null) {
                reply(ex, 401, "{\"error\":\"terminal not authenticated\"}");
                return;
            }
            String expected =
                    HttpServerApi.mac(TAK, "GET", ex.getRequestURI().toString(), Long.parseLong(time), "123456789012");
            if (!expected.equals(ex.getRequestHeaders().getFirst("X-CityCard-Mac"))
                    || !"123456789012".equals(ex.getRequestHeaders().getFirst("X-CityCard-Terminal"))) {
                reply(ex, 401, "{\"error\":\"terminal not authenticated\"}");
                return;
            }
            String q = ex.getRequestURI().getQuery();
            String body = q == null
                    ? "{\"version\":3,\"since\":null,\"asns\":[\"31000000000000000001\",\"31000000000000000002\"],\"changes\":[]}"
                    : "{\"version\":5,\"since\":3,\"asns\":[],\"changes\":[{\"version\":4,\"asn\":\"31000000000000000003\","
                            + "\"type\":\"ADD\"},{\"version\":5,\"asn\":\"31000000000000000001\",\"type\":\"REMOVE\"}]}";
            reply(ex, 200, body);
        });
        http.createContext(
                "/api/v1/terminal/parameters",
                ex -> reply(
                        ex,
                        200,
                        "{\"version\":2,\"values\":{\"departments\":[{\"code\":\"0201\",\"category\":\"02\",\"zh\":\"自来水公司\","
                                + "\"en\":\"Water company\"}],\"maxOfflineAmount\":50000}}"));
        http.createContext("/api/v1/terminal/challenges", ex -> {
            // as the server: a POST signed under the TAK, METHOD in the MAC input
            String time = ex.getRequestHeaders().getFirst("X-CityCard-Time");
            if (!"POST".equals(ex.getRequestMethod())
                    || time == null
                    || !HttpServerApi.mac(
                                    TAK, "POST", ex.getRequestURI().toString(), Long.parseLong(time), "123456789012")
                            .equals(ex.getRequestHeaders().getFirst("X-CityCard-Mac"))) {
                reply(ex, 401, "{\"error\":\"terminal not authenticated\"}");
                return;
            }
            reply(ex, 200, "{\"challenge\":\"" + CHALLENGE + "\",\"expiresInSeconds\":60}");
        });
        http.createContext("/api/v1/terminal/cardholder/", ex -> {
            // the server's card-present check: the holder's card's INTERNAL AUTHENTICATE of the challenge
            String expected = "asn=" + ASN + "&challenge=" + CHALLENGE + "&cryptogram=" + cryptogram(ASN);
            if (expected.equals(ex.getRequestURI().getQuery())) {
                reply(ex, 200, "{\"citizen\":\"1101***********02X\",\"contributions\":[]}");
            } else {
                reply(ex, 404, "{}");
            }
        });
        http.start();
        journal = Journal.inMemory("hotlist" + System.nanoTime());
    }

    private static void reply(com.sun.net.httpserver.HttpExchange ex, int status, String body) throws IOException {
        TerminalServer.reply(ex, status, body);
    }

    @AfterEach
    void tearDown() {
        http.stop(0);
        journal.close();
    }

    private static final byte[] TAK = org.citycard.agent.testing.Hosts.tak("123456789012");
    private static final String ASN = "31000000000000012345";
    private static final String CHALLENGE = "1122334455667788";

    /** The card's answer to {@link #CHALLENGE} under the demo DIAK of {@code asn} (CARD-SPEC §4.6). */
    private static String cryptogram(String asn) {
        var crypto = org.citycard.dictionary.crypto.CardCrypto.tdes();
        byte[] diak =
                crypto.cardKey(org.citycard.dictionary.crypto.KeySet.demo().key("MIAK"), asn);
        return java.util.HexFormat.of()
                .withUpperCase()
                .formatHex(crypto.internalAuthenticate(
                        diak, java.util.HexFormat.of().parseHex(CHALLENGE)));
    }

    private ServerApi api() {
        return new HttpServerApi("http://127.0.0.1:" + http.getAddress().getPort(), Duration.ofSeconds(2))
                .authenticatedAs("123456789012", org.citycard.agent.testing.Hosts.signedOn("123456789012"), () -> {});
    }

    @Test
    void unsignedRequests_areRefusedByTheTerminalApi() {
        ServerApi unsigned =
                new HttpServerApi("http://127.0.0.1:" + http.getAddress().getPort(), Duration.ofSeconds(2));
        assertThatThrownBy(() -> unsigned.hotlist(null)).hasMessageContaining("401");
    }

    @Test
    void sync_downloadsTheFullListFirstThenOnlyTheChanges() throws IOException {
        HotlistSync sync = new HotlistSync(api(), journal.lists(), "123456789012");
        HotlistSync.Result first = sync.sync("00000003", "00000002");
        assertThat(first.hotlistVersion()).isEqualTo("00000003");
        assertThat(journal.lists().hotlisted("31000000000000000001")).isTrue();
        assertThat(journal.lists().parameters()).containsKey("departments");
        HotlistSync.Result second = sync.sync("00000005", "00000002");
        assertThat(second.hotlistUpdated()).isTrue();
        assertThat(second.parametersUpdated()).isFalse();
        assertThat(journal.lists().hotlisted("31000000000000000001")).isFalse();
        assertThat(journal.lists().hotlisted("31000000000000000003")).isTrue();
        // this server has no compact form (its answer is JSON): the agent takes the JSON list instead
        assertThat(asked)
                .containsExactly(
                        "/api/v1/terminal/hotlist/compact",
                        "/api/v1/terminal/hotlist",
                        "/api/v1/terminal/hotlist?since=3");
        assertThat(sync.sync("00000005", "00000002").hotlistUpdated()).isFalse();
    }

    @Test
    void serverAway_keepsTheLocalCopyAndSaysWhy() throws IOException {
        new HotlistSync(api(), journal.lists(), "123456789012").sync(null, null);
        http.stop(0);
        assertThatThrownBy(() -> new HotlistSync(api(), journal.lists(), "123456789012").sync("00000009", null))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot reach the clearing server");
        assertThat(journal.lists().hotlisted("31000000000000000002")).isTrue();
    }

    @Test
    void socialSecurity_sendsAsnChallengeAndCryptogram_andNotFoundIsAClearError() throws IOException {
        ServerApi api = api();
        byte[] challenge = api.challenge();
        assertThat(java.util.HexFormat.of().withUpperCase().formatHex(challenge))
                .isEqualTo(CHALLENGE);
        byte[] cryptogram = java.util.HexFormat.of().parseHex(cryptogram(ASN));

        assertThat(api.socialSecuritySummary("11010519491231002X", ASN, challenge, cryptogram))
                .containsEntry("citizen", "1101***********02X");
        assertThatThrownBy(() ->
                        api.socialSecuritySummary("11010519491231002X", "31000000000000099999", challenge, cryptogram))
                .hasMessageContaining("404")
                .hasMessageNotContaining("11010519491231002X");
        byte[] wrong = cryptogram.clone();
        wrong[0] ^= 1;
        assertThatThrownBy(() -> api.socialSecuritySummary("11010519491231002X", ASN, challenge, wrong))
                .hasMessageContaining("404");
    }
}
