package org.citycard.issuance.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.citycard.issuance.server.HttpCardRegistryClient;

/**
 * A local HTTP server with the clearing server's card contract (/api/v1/cards, state, account, /api/v1/hotlist), HTTP
 * Basic and its error bodies, as {@code HttpCardRegistryClientTest} serves it: the tool talks to it over the wire
 * with its real HTTP client, and a test reads the hotlist the server would hand to the terminals.
 */
public final class ClearingStub implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String USER = "issuer";
    public static final String PASSWORD = "stub admin password";

    public final Map<String, ObjectNode> cards = new ConcurrentHashMap<>();
    public final Set<String> hotlist = ConcurrentHashMap.newKeySet();
    private final HttpServer http;
    /** The audit chain head the tool reported last ({seq, mac}), or null. */
    public volatile ObjectNode auditHead;

    public ClearingStub() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/api/v1/", this::handle);
        http.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/");
    }

    /** The tool's client of this server. */
    public HttpCardRegistryClient client() {
        return new HttpCardRegistryClient(url(), USER, PASSWORD.toCharArray());
    }

    private synchronized void handle(HttpExchange x) throws IOException {
        String auth = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes());
        if (!auth.equals(x.getRequestHeaders().getFirst("Authorization"))) {
            send(x, 401, null);
            return;
        }
        String method = x.getRequestMethod();
        if (!method.equals("GET") && x.getRequestHeaders().getFirst("X-Requested-With") == null) {
            send(x, 403, null); // as the server: no state change without it (CSRF, issue 15)
            return;
        }
        String[] p = x.getRequestURI().getPath().split("/");
        JsonNode body = method.equals("GET") || method.equals("DELETE") ? null : JSON.readTree(x.getRequestBody());
        if (p[3].equals("cards") && p.length == 4 && method.equals("POST")) {
            ObjectNode card = JSON.createObjectNode();
            card.put("asn", body.get("asn").asText());
            card.put("state", body.get("state").asText());
            card.put("expiryDate", body.get("expiryDate").asText());
            if (cards.putIfAbsent(card.get("asn").asText(), card) != null) {
                send(x, 409, error("conflict", "asn", "registered already"));
                return;
            }
            send(x, 201, card);
        } else if (p[3].equals("cards") && p.length == 5 && method.equals("GET")) {
            ObjectNode c = cards.get(p[4]);
            send(x, c == null ? 404 : 200, c == null ? error("not found", "asn", "no card " + p[4]) : c);
        } else if (p[3].equals("cards") && p.length == 6 && p[5].equals("state") && method.equals("PUT")) {
            ObjectNode c = cards.get(p[4]);
            if (c == null) {
                send(x, 404, error("not found", "asn", "no card " + p[4]));
                return;
            }
            c.put("state", body.get("state").asText());
            send(x, 200, c);
        } else if (p[3].equals("cards") && p.length == 6 && p[5].equals("account")) {
            ObjectNode a = JSON.createObjectNode();
            a.put("asn", p[4]);
            a.put("hotlisted", hotlist.contains(p[4]));
            a.put("chainBalance", 0);
            a.put("heldRecords", 0);
            a.put("pendingLoads", 0);
            send(x, 200, a);
        } else if (p[3].equals("card-centre") && p.length == 5 && p[4].equals("audit-head")) {
            if (method.equals("PUT")) {
                if (auditHead != null
                        && body.get("seq").asLong() < auditHead.get("seq").asLong()) {
                    send(x, 409, error("conflict", "seq", "went back"));
                    return;
                }
                auditHead = (ObjectNode) body;
                send(x, 200, body);
            } else {
                ObjectNode h = auditHead;
                send(x, h == null ? 404 : 200, h == null ? error("not found", null, "no head") : h);
            }
        } else if (p[3].equals("hotlist") && method.equals("POST")) {
            if (!hotlist.add(body.get("asn").asText())) {
                send(x, 409, error("conflict", "asn", "on the hotlist already"));
                return;
            }
            send(x, 201, body);
        } else if (p[3].equals("hotlist") && method.equals("DELETE")) {
            send(x, hotlist.remove(p[4]) ? 200 : 404, JSON.createObjectNode());
        } else {
            send(x, 404, error("not found", null, x.getRequestURI().getPath()));
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

    @Override
    public void close() {
        http.stop(0);
    }
}
