package org.citycard.issuance.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP client against a small local server serving the clearing server's card contract: /api/v1/cards (POST,
 * GET, PUT state, GET account), /api/v1/hotlist (POST, DELETE) as the server's controllers serve them, with HTTP
 * Basic, 201 / 404 / 409 and its {"error", "field", "value", "rule"} errors; and the assumed replacement and refund
 * endpoints.
 */
class HttpCardRegistryClientTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ASN = "31000000000000000007";
    static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("issuer:admin password".getBytes());

    HttpServer http;
    final Map<String, ObjectNode> cards = new LinkedHashMap<>();
    final Map<String, String> holders = new LinkedHashMap<>();
    final Set<String> hotlist = new java.util.HashSet<>();
    final List<String> requests = new ArrayList<>();
    long oldBalance = 2_500;
    int held = 0;
    final Map<String, Long> deposits = new LinkedHashMap<>();
    HttpCardRegistryClient client;

    @BeforeEach
    void start() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/api/v1/", this::handle);
        http.start();
        client = new HttpCardRegistryClient(
                URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/"),
                "issuer",
                "admin password".toCharArray());
    }

    @AfterEach
    void stop() {
        http.stop(0);
    }

    private void handle(HttpExchange x) throws IOException {
        String method = x.getRequestMethod();
        String path = x.getRequestURI().getPath();
        requests.add(method + " " + path);
        if (!AUTH.equals(x.getRequestHeaders().getFirst("Authorization"))) {
            send(x, 401, null);
            return;
        }
        if (!method.equals("GET") && x.getRequestHeaders().getFirst("X-Requested-With") == null) {
            send(x, 403, error("cross-site request refused", "X-Requested-With", "the server's CSRF rule"));
            return;
        }
        JsonNode body = method.equals("GET") || method.equals("DELETE") ? null : JSON.readTree(x.getRequestBody());
        String[] p = path.split("/"); // "", api, v1, cards, {asn}, ...
        if (p[3].equals("cards") && p.length == 4 && method.equals("POST")) {
            Set<String> known = Set.of(
                    "asn", "state", "expiryDate", "firstOfflineSeq", "holderId", "algorithm", "deposit", "keyVersion");
            body.fieldNames().forEachRemaining(f -> {
                if (!known.contains(f)) {
                    throw new IllegalStateException("the server refuses unknown property " + f);
                }
            });
            if (cards.containsKey(body.get("asn").asText())) {
                send(x, 409, error("conflict", "asn", "card " + body.get("asn").asText() + " is registered already"));
                return;
            }
            ObjectNode card = JSON.createObjectNode();
            card.put("asn", body.get("asn").asText());
            card.put("state", body.get("state").asText());
            card.put("expiryDate", body.get("expiryDate").asText());
            if (body.has("holderId")) {
                holders.put(body.get("asn").asText(), body.get("holderId").asText());
            }
            if (body.has("deposit")) {
                deposits.put(body.get("asn").asText(), body.get("deposit").asLong());
            }
            cards.put(card.get("asn").asText(), card);
            send(x, 201, card);
        } else if (p[3].equals("cards") && p.length == 5 && method.equals("GET")) {
            ObjectNode c = cards.get(p[4]);
            send(x, c == null ? 404 : 200, c == null ? error("not found", "asn", "no card with ASN " + p[4]) : c);
        } else if (p[3].equals("cards") && p.length == 6 && p[5].equals("state") && method.equals("PUT")) {
            ObjectNode c = cards.get(p[4]);
            c.put("state", body.get("state").asText());
            send(x, 200, c);
        } else if (p[3].equals("cards") && p.length == 6 && p[5].equals("account")) {
            ObjectNode a = JSON.createObjectNode();
            a.put("asn", p[4]);
            a.put("state", cards.get(p[4]).get("state").asText());
            a.put("hotlisted", hotlist.contains(p[4]));
            a.put("chainBalance", oldBalance);
            a.put("heldRecords", held);
            a.put("pendingLoads", 0);
            send(x, 200, a);
        } else if (p[3].equals("cards") && p.length == 6 && p[5].equals("replacement")) {
            ObjectNode r = JSON.createObjectNode();
            r.put("status", held > 0 ? "PENDING" : "MOVED");
            r.put("amount", held > 0 ? 0 : oldBalance);
            if (held > 0) {
                r.put("reason", held + " records held in quarantine");
            }
            send(x, 200, r);
        } else if (p[3].equals("cards") && p.length == 6 && p[5].equals("refund")) {
            ObjectNode r = JSON.createObjectNode();
            r.put("status", "REFUNDED");
            r.put("amount", oldBalance);
            send(x, 200, r);
        } else if (p[3].equals("cards") && p.length == 6 && p[5].equals("deposit")) {
            if (method.equals("POST") && deposits.containsKey(p[4])) {
                send(x, 409, error("conflict", null, "card " + p[4] + " has a deposit already"));
                return;
            }
            if (method.equals("POST")) {
                deposits.put(p[4], body.get("amount").asLong());
            }
            ObjectNode r = JSON.createObjectNode();
            r.put("asn", p[4]);
            r.put("amount", deposits.get(p[4]));
            r.put("status", "HELD");
            send(x, method.equals("POST") ? 201 : 200, r);
        } else if (p[3].equals("cards") && p.length == 7 && p[5].equals("deposit") && p[6].equals("cash-refund")) {
            Long d = deposits.remove(p[4]);
            if (d == null) {
                send(x, 409, error("conflict", null, "the deposit of card " + p[4] + " was refunded already"));
                return;
            }
            ObjectNode r = JSON.createObjectNode();
            r.put("asn", p[4]);
            r.put("amount", d);
            r.put("status", "REFUNDED");
            r.put("refundMode", "CASH");
            r.put("reason", "refunded in cash at the counter");
            send(x, 200, r);
        } else if (p[3].equals("hotlist") && method.equals("POST")) {
            if (!hotlist.add(body.get("asn").asText())) {
                send(x, 409, error("conflict", "asn", "on the hotlist already"));
                return;
            }
            send(x, 201, body);
        } else if (p[3].equals("hotlist") && method.equals("DELETE")) {
            send(x, hotlist.remove(p[4]) ? 200 : 404, JSON.createObjectNode());
        } else {
            send(x, 404, error("not found", null, path));
        }
    }

    private static ObjectNode error(String error, String field, String rule) {
        ObjectNode n = JSON.createObjectNode();
        n.put("error", error);
        n.put("field", field);
        n.put("rule", rule);
        return n;
    }

    private static void send(HttpExchange x, int status, JsonNode body) throws IOException {
        byte[] b = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            x.getResponseBody().write(b);
        }
        x.close();
    }

    @Test
    void register_isIdempotent_andCardsAreReadBack() {
        RemoteCard c = client.register(new CardReport(ASN, "40", "20361121", 0, "11010519491231002X"));
        assertThat(c).isEqualTo(new RemoteCard(ASN, "40", "20361121"));
        assertThat(holders).containsEntry(ASN, "11010519491231002X");
        assertThat(client.register(new CardReport(ASN, "40", "20361121", 0, "11010519491231002X")))
                .isEqualTo(c); // 409: registered already
        assertThat(client.card(ASN)).contains(c);
        assertThat(client.card("31000000000000000099")).isEmpty();
        assertThat(requests).contains("POST /api/v1/cards", "GET /api/v1/cards/" + ASN);
    }

    @Test
    void theDepositTakenAtIssue_isReported_andRefundedInCashOnce() {
        client.register(new CardReport(
                ASN, "40", "20361121", 0, "11010519491231002X", org.citycard.dictionary.crypto.Algorithm.TDES, 2_000));
        assertThat(deposits).containsEntry(ASN, 2_000L);

        Settlement paid = client.refundDepositInCash(ASN);

        assertThat(paid.status()).isEqualTo("REFUNDED");
        assertThat(paid.amount()).isEqualTo(2_000);
        assertThatThrownBy(() -> client.refundDepositInCash(ASN))
                .isInstanceOfSatisfying(
                        ServerException.class, e -> assertThat(e.conflict()).isTrue())
                .hasMessageContaining("refunded already");
        assertThat(requests).contains("POST /api/v1/cards/" + ASN + "/deposit/cash-refund");
        assertThatThrownBy(() -> new CardReport(
                        ASN, "40", "20361121", 0, null, org.citycard.dictionary.crypto.Algorithm.TDES, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deposit -1");
    }

    @Test
    void aDepositTakenAtTheCounter_isReported_andARepeatAnswersTheDepositHeld() {
        client.register(new CardReport(ASN, "40", "20361121", 0, "11010519491231002X"));
        assertThat(client.takeDeposit(ASN, 2_000)).isEqualTo(new Settlement("HELD", 2_000, null));
        assertThat(client.takeDeposit(ASN, 2_000)).isEqualTo(new Settlement("HELD", 2_000, null)); // 409, then GET
        assertThat(requests)
                .contains("POST /api/v1/cards/" + ASN + "/deposit", "GET /api/v1/cards/" + ASN + "/deposit");
    }

    @Test
    void aCardWithoutADeposit_sendsNone() {
        client.register(new CardReport(ASN, "40", "20361121", 0, "11010519491231002X"));
        assertThat(deposits).isEmpty();
    }

    @Test
    void stateChanges_andTheHotlist() {
        client.register(new CardReport(ASN, "40", "20361121", 0, "11010519491231002X"));
        assertThat(client.changeState(ASN, "60").state()).isEqualTo("60");
        client.hotlist(ASN, "reported lost");
        client.hotlist(ASN, "reported lost"); // on the hotlist already: fine
        assertThat(hotlist).containsExactly(ASN);
        assertThat(client.account(ASN).orElseThrow().chainBalance()).isEqualTo(2_500);
        client.unhotlist(ASN);
        client.unhotlist(ASN); // not on the hotlist: fine
        assertThat(hotlist).isEmpty();
        assertThat(requests)
                .contains(
                        "PUT /api/v1/cards/" + ASN + "/state", "POST /api/v1/hotlist", "DELETE /api/v1/hotlist/" + ASN);
    }

    @Test
    void balanceMove_isPendingWhileRecordsAreHeld() {
        client.register(new CardReport(ASN, "70", "20361121", 0, "11010519491231002X"));
        held = 2;
        assertThat(client.account(ASN).orElseThrow().settled()).isFalse();
        Settlement s = client.moveBalance(ASN, "31000000000000000008");
        assertThat(s.pending()).isTrue();
        assertThat(s.reason()).contains("2 records held");
        held = 0;
        assertThat(client.moveBalance(ASN, "31000000000000000008")).isEqualTo(new Settlement("MOVED", 2_500, null));
        assertThat(client.refund(ASN, new RefundAccount("102290000017", "6222020200112233445", "张三"))
                        .amount())
                .isEqualTo(2_500);
    }

    @Test
    void errors_nameTheServersRule_andAWrongPasswordIsRefused() {
        var wrong = new HttpCardRegistryClient(
                URI.create("http://127.0.0.1:" + http.getAddress().getPort()), "issuer", "nope".toCharArray());
        assertThatThrownBy(() -> wrong.card(ASN))
                .isInstanceOf(ServerException.class)
                .hasMessageContaining("401");
        assertThatThrownBy(() -> client.changeState("31000000000000000099", "60"))
                .isInstanceOf(RuntimeException.class);
        var down = new HttpCardRegistryClient(URI.create("http://127.0.0.1:1"), null, null);
        assertThatThrownBy(() -> down.card(ASN))
                .isInstanceOf(ServerException.class)
                .hasMessageContaining("not reachable");
    }
}
