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
 * The clearing server's REST API over HTTP/JSON (java.net.http and Jackson), authenticated with HTTP Basic as one of
 * the server's staff accounts with the CARD_CENTRE role (the card centre's rights: cards, their state and the hotlist;
 * ADMIN works too but is not needed). The paths are
 * in {@link Paths}, in one place. Cards, card states, shadow accounts and the hotlist follow the server's controllers
 * (ReferenceController, LedgerController, HotlistController), as do the balance move of a replacement and the
 * refund of a cancellation (SettlementController's refund and replacement endpoints).
 */
public final class HttpCardRegistryClient implements CardRegistryClient {
    /** The server's paths this client uses. */
    public static final class Paths {
        public static final String CARDS = "/api/v1/cards";
        public static final String CARD = "/api/v1/cards/%s";
        public static final String CARD_STATE = "/api/v1/cards/%s/state";
        /** PUT {keyVersion}: a counter re-keyed the card (issue 22). */
        public static final String CARD_KEY_VERSION = "/api/v1/cards/%s/key-version";

        public static final String CARD_ACCOUNT = "/api/v1/cards/%s/account";
        public static final String HOTLIST = "/api/v1/hotlist";
        /** The signed-in card centre's audit chain head: PUT {seq, mac}, GET → {centre, seq, mac, reportedAt}. */
        public static final String AUDIT_HEAD = "/api/v1/card-centre/audit-head";

        public static final String HOTLIST_ENTRY = "/api/v1/hotlist/%s";
        /** Assumed (not served yet): POST {newAsn} → {status MOVED|PENDING, amount, reason}. */
        public static final String CARD_REPLACEMENT = "/api/v1/cards/%s/replacement";
        /** Assumed (not served yet): POST {bankCode, accountNumber, accountName} → {status REFUNDED|PENDING, …}. */
        public static final String CARD_REFUND = "/api/v1/cards/%s/refund";
        /** POST (no body) → {asn, amount, status REFUNDED, refundMode CASH, reason}; 409 when refunded or moved. */
        /** POST {amount} → 201 {asn, amount, status HELD, …}; 409 when the card has one; GET → the same. */
        public static final String CARD_DEPOSIT = "/api/v1/cards/%s/deposit";

        public static final String CARD_DEPOSIT_CASH_REFUND = "/api/v1/cards/%s/deposit/cash-refund";

        private Paths() {}
    }

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final URI base;
    private final String authorization;
    private final HttpClient http;

    /**
     * @param base the server's base URL, e.g. http://localhost:8080
     * @param user a staff account of the server with the CARD_CENTRE role, or null for none
     * @param password its password (kept only as the encoded header)
     */
    public HttpCardRegistryClient(URI base, String user, char[] password) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.authorization = user == null
                ? null
                : "Basic "
                        + java.util.Base64.getEncoder()
                                .encodeToString((user + ":" + new String(password))
                                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
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
        if (report.holderId() != null) {
            // the holder's citizen ID lets the server answer a kiosk's social-security query for this card only
            body.put("holderId", report.holderId());
        }
        // the algorithm of the card's keys: the server checks the card's MACs and TACs with it
        body.put("algorithm", report.algorithm().code());
        // and their key version (issue 22): the server verifies the card with that version's master keys
        body.put("keyVersion", report.keyVersion());
        if (report.deposit() > 0) {
            // the deposit taken at issue: the server holds it as a liability until the card is returned
            body.put("deposit", report.deposit());
        }
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
                    n.path("heldRecords").asInt(),
                    n.path("pendingLoads").asInt());
        });
    }

    @Override
    public RemoteCard changeState(String asn, String stateCode) {
        return card(send("PUT", Paths.CARD_STATE.formatted(asn), Map.of("state", stateCode)));
    }

    @Override
    public RemoteCard rekeyed(String asn, int keyVersion) {
        return card(send("PUT", Paths.CARD_KEY_VERSION.formatted(asn), Map.of("keyVersion", keyVersion)));
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
    public void reportAuditHead(AuditHead head) {
        send("PUT", Paths.AUDIT_HEAD, Map.of("seq", head.seq(), "mac", head.mac()));
    }

    @Override
    public Optional<AuditHead> auditHead() {
        return optional(() -> {
            JsonNode n = send("GET", Paths.AUDIT_HEAD, null);
            return new AuditHead(n.path("seq").asLong(), n.path("mac").asText());
        });
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

    @Override
    public Settlement takeDeposit(String asn, long amount) {
        try {
            return settlement(send("POST", Paths.CARD_DEPOSIT.formatted(asn), Map.of("amount", amount)));
        } catch (ServerException e) {
            if (e.conflict()) {
                // taken already (a repeat after a lost answer): the deposit as the server holds it
                return settlement(send("GET", Paths.CARD_DEPOSIT.formatted(asn), null));
            }
            throw e;
        }
    }

    @Override
    public Settlement refundDepositInCash(String asn) {
        return settlement(send("POST", Paths.CARD_DEPOSIT_CASH_REFUND.formatted(asn), Map.of()));
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
        if (authorization != null) {
            b.header("Authorization", authorization)
                    // the server refuses a state-changing staff request without it (CSRF, issue 15)
                    .header("X-Requested-With", "CityCard");
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

    /** The server's error ({@code {"error", "field", "value", "rule"}}) as a line, or the body's start. */
    private static String problem(byte[] body) {
        try {
            JsonNode n = JSON.readTree(body);
            if (n != null && n.hasNonNull("error")) {
                return n.get("error").asText()
                        + (n.hasNonNull("field") ? " " + n.get("field").asText() : "")
                        + (n.hasNonNull("rule") ? ": " + n.get("rule").asText() : "");
            }
            if (n != null && n.hasNonNull("detail")) {
                return n.get("detail").asText();
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
