package org.citycard.system.city;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.wire.TerminalType;

/**
 * The clearing server's REST API as the clearing centre's staff use it (HTTP Basic, JSON): reference data in, the
 * day's figures out. Every call goes over HTTP like any other client's; an answer other than 2xx is an exception
 * naming the call and the server's error.
 */
public final class ServerAdmin {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String base;
    private final String authorization;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ServerAdmin(String baseUrl, String user, char[] password) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.authorization = "Basic "
                + Base64.getEncoder()
                        .encodeToString((user + ":" + new String(password)).getBytes(StandardCharsets.UTF_8));
    }

    public String baseUrl() {
        return base;
    }

    /** The user and password for tools that take them separately (the issuance tool's server client). */
    public URI uri() {
        return URI.create(base);
    }

    public JsonNode get(String path) {
        return send("GET", path, null);
    }

    public JsonNode post(String path, Object body) {
        return send("POST", path, body);
    }

    /** POSTs a document (XML, a file) as it is. */
    public JsonNode postDocument(String path, byte[] content, String contentType) {
        return send("POST", path, new Document(content, contentType));
    }

    private record Document(byte[] content, String contentType) {}

    /**
     * Changes this user's own password (the server lets a generated or reset password do nothing else, issue 15);
     * this client keeps signing in with the old one, so make a new client with the new password.
     */
    public void changeOwnPassword(char[] current, char[] next) {
        post("/api/v1/staff/me/password", java.util.Map.of("current", new String(current), "new", new String(next)));
    }

    public JsonNode put(String path, Object body) {
        return send("PUT", path, body);
    }

    public void department(String code, String name, String category, String bankCode, String account, int feeBp) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("name", name);
        body.put("category", category);
        body.put("bankCode", bankCode);
        body.put("accountNumber", account);
        body.put("accountName", name);
        body.put("feeRateBp", feeBp);
        post("/api/v1/departments", body);
    }

    /** Registers a terminal of this type (what it may send). */
    public void terminal(String terminalId, String department, String psamSerial, TerminalType type) {
        post(
                "/api/v1/terminals",
                Map.of(
                        "terminalId",
                        terminalId,
                        "departmentCode",
                        department,
                        "psamSerial",
                        psamSerial,
                        "active",
                        true,
                        "terminalType",
                        type.code()));
    }

    /** The card's shadow account: floatBalance, chainBalance, nextOfflineSeq, heldRecords, hotlisted … */
    public JsonNode account(String asn) {
        return get("/api/v1/cards/" + asn + "/account");
    }

    public JsonNode trialBalance() {
        return get("/api/v1/ledger/trial-balance");
    }

    public JsonNode dayTotals(String date) {
        return get("/api/v1/days/" + date + "/totals");
    }

    /** Every quarantine entry of a business day (all pages). */
    public JsonNode quarantine(String date) {
        var all = JSON.createArrayNode();
        for (int offset = 0; ; offset += 500) {
            JsonNode page = get("/api/v1/quarantine?date=" + enc(date) + "&offset=" + offset + "&limit=500");
            page.forEach(all::add);
            if (page.size() < 500) {
                return all;
            }
        }
    }

    /**
     * Makes a registered terminal's own master key at the server (ADMIN) and answers its key store: BCFKS, that
     * TMK alone, under {@code password}.
     */
    public byte[] terminalKeyStore(String terminalId, char[] password) {
        return terminalKeyStore(terminalId, password, Algorithm.TDES);
    }

    /** A new master key of the given algorithm for the terminal, as a key store holding it alone. */
    public byte[] terminalKeyStore(String terminalId, char[] password, Algorithm algorithm) {
        return sendForBytes(
                "POST",
                "/api/v1/terminals/" + terminalId + "/keys",
                Map.of("password", new String(password), "alg", algorithm.label()));
    }

    private JsonNode send(String method, String path, Object body) {
        byte[] r = sendForBytes(method, path, body);
        try {
            return r.length == 0 ? JSON.createObjectNode() : JSON.readTree(r);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "the clearing server's answer to " + method + " " + path + " is not JSON: " + e.getMessage(), e);
        }
    }

    private byte[] sendForBytes(String method, String path, Object body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json, application/octet-stream")
                .header("Authorization", authorization)
                // the server refuses a state-changing staff request without it (CSRF, issue 15)
                .header("X-Requested-With", "CityCard");
        try {
            if (body == null) {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            } else if (body instanceof Document d) {
                b.header("Content-Type", d.contentType())
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(d.content()));
            } else {
                b.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            }
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("the clearing server answered " + r.statusCode() + " to " + method + " "
                        + path + ": " + new String(r.body(), StandardCharsets.UTF_8));
            }
            return r.body();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "the clearing server at " + base + " is not reachable for " + method + " " + path + ": "
                            + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + path, e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
