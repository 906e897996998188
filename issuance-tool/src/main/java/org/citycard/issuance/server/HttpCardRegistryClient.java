package org.citycard.issuance.server;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The clearing server's REST API over HTTP/JSON (java.net.http and Jackson). The paths are in {@link Paths}, in one
 * place, so that they follow the server's controllers. An optional bearer token authenticates the tool.
 */
public final class HttpCardRegistryClient implements CardRegistryClient {
    /** The server's paths this client uses. */
    public static final class Paths {
        public static final String CARDS = "/api/cards";
        public static final String CARD = "/api/cards/%s";
        public static final String CARD_STATE = "/api/cards/%s/state";
        public static final String CARD_ACCOUNT = "/api/cards/%s/account";
        public static final String CARD_REPLACEMENT = "/api/cards/%s/replacement";
        public static final String CARD_REFUND = "/api/cards/%s/refund";
        public static final String HOTLIST = "/api/hotlist";
        public static final String HOTLIST_ENTRY = "/api/hotlist/%s";

        private Paths() {}
    }

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final URI base;
    private final String token;
    private final HttpClient http;

    /**
     * @param base the server's base URL, e.g. http://localhost:8080
     * @param token a bearer token, or null
     */
    public HttpCardRegistryClient(URI base, String token) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.token = token;
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    public RemoteCard register(CardReport report) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("asn", report.asn());
        body.put("state", report.state());
        body.put("expiryDate", report.expiryDate());
        body.put("firstOfflineSeq", report.firstOfflineSeq());
        try {
            return card(send("POST", Paths.CARDS, body));
        } catch (ServerException e) {
            if (e.conflict()) {
                // registered already (a repeat after a lost answer): the card as the server has it
                return card(report.asn()).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    @Override
    public Optional<RemoteCard> card(String asn) {
        return optional(() -> card(send("GET", Paths.CARD.formatted(asn), null)));
    }

    @Override
    public Optional<ShadowAccount> account(String asn) {
        return optional(() -> {
            JsonNode n = send("GET", Paths.CARD_ACCOUNT.formatted(asn), null);
            return new ShadowAccount(
                    asn,
                    n.path("chainBalance").asLong(),
                    n.path("held").asInt(),
                    n.path("pendingLoads").asInt());
        });
    }

    @Override
    public RemoteCard changeState(String asn, String stateCode) {
        return card(send("PUT", Paths.CARD_STATE.formatted(asn), Map.of("state", stateCode)));
    }

    @Override
    public void hotlist(String asn, String reason) {
        try {
            send("POST", Paths.HOTLIST, Map.of("asn", asn, "reason", reason));
        } catch (ServerException e) {
            if (!e.conflict()) { // on the hotlist already: what was asked for
                throw e;
            }
        }
    }

    @Override
    public void unhotlist(String asn) {
        try {
            send("DELETE", Paths.HOTLIST_ENTRY.formatted(asn), null);
        } catch (ServerException e) {
            if (!e.notFound()) { // not on the hotlist: what was asked for
                throw e;
            }
        }
    }

    @Override
    public Settlement moveBalance(String oldAsn, String newAsn) {
        return settlement(send("POST", Paths.CARD_REPLACEMENT.formatted(oldAsn), Map.of("newAsn", newAsn)));
    }

    @Override
    public Settlement refund(String asn, RefundAccount account) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("bankCode", account.bankCode());
        body.put("accountNumber", account.accountNumber());
        body.put("accountName", account.accountName());
        return settlement(send("POST", Paths.CARD_REFUND.formatted(asn), body));
    }

    private static Settlement settlement(JsonNode n) {
        return new Settlement(
                n.path("status").asText(),
                n.path("amount").asLong(),
                n.hasNonNull("reason") ? n.get("reason").asText() : null);
    }

    private static RemoteCard card(JsonNode n) {
        return new RemoteCard(
                n.path("asn").asText(),
                n.path("state").asText(),
                n.hasNonNull("expiryDate") ? n.get("expiryDate").asText() : null);
    }

    private interface Call<T> {
        T run();
    }

    private static <T> Optional<T> optional(Call<T> call) {
        try {
            return Optional.of(call.run());
        } catch (ServerException e) {
            if (e.notFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private JsonNode send(String method, String path, Object body) {
        URI uri = base.resolve(path);
        HttpRequest.Builder b =
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15)).header("Accept", "application/json");
        if (token != null && !token.isBlank()) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            if (body != null) {
                b.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() / 100 != 2) {
                throw new ServerException(
                        r.statusCode(),
                        "clearing server answered " + r.statusCode() + " to " + method + " " + path + ": "
                                + problem(r.body()));
            }
            return r.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            throw new ServerException(
                    "clearing server " + base + " not reachable for " + method + " " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerException("interrupted while calling the clearing server", e);
        }
    }

    /** The message of an RFC 7807 problem (detail or title), or the body's start. */
    private static String problem(byte[] body) {
        try {
            JsonNode n = JSON.readTree(body);
            if (n != null && n.hasNonNull("detail")) {
                return n.get("detail").asText();
            }
            if (n != null && n.hasNonNull("message")) {
                return n.get("message").asText();
            }
        } catch (IOException ignored) {
            // not JSON
        }
        String s = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    @Override
    public String toString() {
        return "clearing server " + base;
    }
}
