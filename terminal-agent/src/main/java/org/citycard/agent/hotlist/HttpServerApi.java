package org.citycard.agent.hotlist;

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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.citycard.agent.iso.WorkingKeys;
import org.citycard.agent.journal.CitizenIds;
import org.citycard.dictionary.iso8583.TerminalAnswerMac;
import org.citycard.dictionary.wire.ResponseCode;

/**
 * {@link ServerApi} over HTTP/JSON (java.net.http + Jackson), following the clearing server's terminal API: every
 * request carries {@code X-CityCard-Terminal}, {@code X-CityCard-Time} (Unix seconds) and {@code X-CityCard-Mac}
 * (hex of the retail MAC under the terminal's working key TAK, from its last sign-on, over {@code METHOD \n path?query \n time \n terminal ID}).
 * Paths (relative to the server's base URL):
 *
 * <ul>
 *   <li>{@code GET /api/v1/terminal/hotlist[?since=N]} → {@code {version, since, asns[], changes[{version, asn,
 *       type}], expiries{asn: YYYYMMDD}}} (since null: the whole list)
 *   <li>{@code GET /api/v1/terminal/hotlist/compact} → the whole list as bytes: layout hotlist_compact_header
 *       (version, entry count) then the sorted entries of layout hotlist_compact_entry, stored as they come
 *   <li>{@code GET /api/v1/terminal/parameters} → {@code {version, values{…}}}
 *   <li>{@code POST /api/v1/terminal/challenges} (no body) → {@code {challenge, expiresInSeconds}}
 *   <li>{@code GET /api/v1/terminal/cardholder/social-security?asn=&challenge=&cryptogram=} → the summary of the
 *       card's holder (no citizen ID in the URL: the server takes the citizen from the card)
 *       object the kiosk shows (the cryptogram is the card's INTERNAL AUTHENTICATE of the challenge)
 * </ul>
 *
 * <p>Every answer to a signed request must carry the server's {@code X-CityCard-Answer-Mac} under the same key
 * ({@link TerminalAnswerMac}); one without it, with a wrong one, or with a hotlist change type other than ADD and
 * REMOVE is refused whole ({@link RefusedAnswerException}).
 */
public final class HttpServerApi implements ServerApi {
    public static final String HOTLIST = "/api/v1/terminal/hotlist";
    public static final String PARAMETERS = "/api/v1/terminal/parameters";
    /** The whole hotlist in its compact binary form (layouts hotlist_compact_header + hotlist_compact_entry). */
    public static final String HOTLIST_COMPACT = "/api/v1/terminal/hotlist/compact";

    public static final String SOCIAL_SECURITY = "/api/v1/terminal/cardholder/social-security";
    /** POST: a challenge for the card's INTERNAL AUTHENTICATE (CARD-SPEC §4.6), one use, 60 s. */
    public static final String CHALLENGES = "/api/v1/terminal/challenges";
    /** The hotlist change types of the server's answer; any other refuses the whole answer. */
    static final String ADD = "ADD";

    static final String REMOVE = "REMOVE";

    private final String base;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final Duration timeout;
    private final String terminalId;
    private final WorkingKeys keys;
    private final SignOn signOn;

    private final javax.net.ssl.SSLContext tls;

    public HttpServerApi(String baseUrl, Duration timeout) {
        this(baseUrl, timeout, null);
    }

    /** Over HTTPS when {@code tls} is given: the server's certificate must chain to what it trusts. */
    public HttpServerApi(String baseUrl, Duration timeout, javax.net.ssl.SSLContext tls) {
        this(baseUrl, timeout, tls, null, null, null);
    }

    private HttpServerApi(
            String baseUrl,
            Duration timeout,
            javax.net.ssl.SSLContext tls,
            String terminalId,
            WorkingKeys keys,
            SignOn signOn) {
        HttpClientLogs.keepQuiet(); // request URLs (which may hold an ID number) kept out of the JDK client's log
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.timeout = timeout;
        this.tls = tls;
        HttpClient.Builder hb = HttpClient.newBuilder().connectTimeout(timeout);
        if (tls != null) {
            hb.sslContext(tls);
        }
        this.http = hb.build();
        this.terminalId = terminalId;
        this.keys = keys;
        this.signOn = signOn;
    }

    @Override
    public ServerApi authenticatedAs(String terminalId, WorkingKeys keys, SignOn signOn) {
        return new HttpServerApi(base, timeout, tls, terminalId, keys, signOn);
    }

    /** The X-CityCard-Mac of a request, as the server's terminal filter checks it. */
    public static String mac(byte[] tak, String method, String pathAndQuery, long time, String terminalId) {
        return org.citycard.dictionary.iso8583.TerminalRequestMac.mac(tak, method, pathAndQuery, time, terminalId);
    }

    private JsonNode get(String path) throws IOException {
        return call("GET", path);
    }

    /** A signed request (GET, or POST without a body: the MAC covers method, path and query, not a body). */
    private JsonNode call(String method, String path) throws IOException {
        return json.readTree(call(method, path, "application/json").body());
    }

    /** A signed request's answer (status 200), its answer MAC checked. */
    private HttpResponse<byte[]> call(String method, String path, String accept) throws IOException {
        if (keys != null && !keys.signedOn()) {
            signOn.signOn();
            if (!keys.signedOn()) {
                throw new IOException("terminal " + terminalId + " has no working key: the sign-on did not succeed");
            }
        }
        Sent sent = send(method, path, accept);
        if (sent.response().statusCode() == 401
                && keys != null
                && signOnAgain(sent.response().body())) {
            signOn.signOn();
            sent = send(method, path, accept);
        }
        HttpResponse<byte[]> resp = sent.response();
        if (resp.statusCode() != 200) {
            throw new IOException("the clearing server answered " + resp.statusCode() + " to " + method + " "
                    + CitizenIds.mask(uri(path)));
        }
        checkAnswerMac(sent);
        return resp;
    }

    /** A 401 whose code says the server does not take our working key (A0 retired, 63 not held). */
    private boolean signOnAgain(byte[] body) {
        try {
            String code = json.readTree(body).path("code").asText("");
            return code.equals(ResponseCode.SIGN_ON_AGAIN.code())
                    || code.equals(ResponseCode.SECURITY_VIOLATION.code());
        } catch (IOException e) {
            return false;
        }
    }

    /** An answer with what its request was signed with: the answer's MAC binds to them. */
    private record Sent(HttpResponse<byte[]> response, String method, String pathAndQuery, long time, byte[] tak) {}

    private Sent send(String method, String path, String accept) throws IOException {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).header("Accept", accept);
        if (method.equals("POST")) {
            b.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            b.GET();
        }
        URI uri = URI.create(base + path);
        String pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        long time = System.currentTimeMillis() / 1000;
        byte[] tak = null;
        if (keys != null) {
            tak = keys.takForRest();
            b.header(org.citycard.dictionary.iso8583.TerminalRequestMac.TERMINAL, terminalId)
                    .header(org.citycard.dictionary.iso8583.TerminalRequestMac.TIME, Long.toString(time))
                    .header(
                            org.citycard.dictionary.iso8583.TerminalRequestMac.MAC,
                            org.citycard.dictionary.iso8583.TerminalRequestMac.mac(
                                    keys.algorithm(), tak, method, pathAndQuery, time, terminalId));
        }
        HttpRequest req = b.build();
        try {
            return new Sent(http.send(req, HttpResponse.BodyHandlers.ofByteArray()), method, pathAndQuery, time, tak);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + CitizenIds.mask(uri(path)), e);
        } catch (IOException e) {
            // a path may hold a citizen's ID number: masked in every message (they reach logs and pages)
            throw new IOException(
                    "cannot reach the clearing server at " + base + " for " + CitizenIds.mask(uri(path)) + ": "
                            + CitizenIds.mask(String.valueOf(e)),
                    CitizenIds.masked(e));
        }
    }

    /**
     * Refuses an answer to a signed request whose {@value TerminalAnswerMac#MAC} is missing or does not verify
     * under the terminal's key (changed on the way, or not the server's). The path is not in the message: it may
     * hold a citizen's number.
     */
    private void checkAnswerMac(Sent sent) throws RefusedAnswerException {
        if (sent.tak() == null) {
            return; // unsigned requests get unsigned answers (the server refuses them anyway)
        }
        HttpResponse<byte[]> resp = sent.response();
        String pathAndQuery = sent.pathAndQuery();
        long time = sent.time();
        byte[] tak = sent.tak();
        String given = resp.headers().firstValue(TerminalAnswerMac.MAC).orElse(null);
        if (!TerminalAnswerMac.verify(
                keys.algorithm(),
                tak,
                resp.statusCode(),
                sent.method(),
                pathAndQuery,
                time,
                terminalId,
                resp.body(),
                given)) {
            throw new RefusedAnswerException("the clearing server's answer to " + sent.method() + " "
                    + CitizenIds.mask(uri(pathAndQuery))
                    + (given == null ? " carries no answer MAC (" : " carries a wrong answer MAC (")
                    + TerminalAnswerMac.MAC + "): refused (changed on the way?), nothing of it is taken");
        }
    }

    /** The path without its query, for messages. */
    private static String uri(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    }

    @Override
    public Hotlist hotlist(Long since) throws IOException {
        JsonNode n = get(HOTLIST + (since == null ? "" : "?since=" + since));
        long version = n.path("version").asLong();
        boolean full = n.path("since").isNull() || n.path("since").isMissingNode();
        List<String> asns = texts(n.path("asns"));
        // the net effect of the changes in their order: a card added then removed (or the reverse) ends as the last
        // change left it
        java.util.LinkedHashSet<String> added = new java.util.LinkedHashSet<>();
        java.util.LinkedHashSet<String> removed = new java.util.LinkedHashSet<>();
        for (JsonNode c : n.path("changes")) {
            String type = c.path("type").asText();
            String asn = c.path("asn").asText();
            switch (type) {
                case ADD -> {
                    removed.remove(asn);
                    added.add(asn);
                }
                case REMOVE -> {
                    added.remove(asn);
                    removed.add(asn);
                }
                default -> throw new RefusedAnswerException("hotlist answer at version " + version + ": change "
                        + c.path("version").asText() + " has type '" + type + "', neither " + ADD + " nor " + REMOVE
                        + ": the whole answer is refused, the local hotlist kept");
            }
        }
        Map<String, String> expiries = new LinkedHashMap<>();
        n.path("expiries")
                .fields()
                .forEachRemaining(e -> expiries.put(e.getKey(), e.getValue().asText()));
        return new Hotlist(version, full, asns, List.copyOf(added), List.copyOf(removed), expiries);
    }

    @Override
    public org.citycard.dictionary.format.CompactHotlist.Image hotlistImage(int capacity) throws IOException {
        HttpResponse<byte[]> resp = call("GET", HOTLIST_COMPACT, "application/octet-stream");
        if (!resp.headers().firstValue("Content-Type").orElse("").startsWith("application/octet-stream")) {
            return null; // a server without the compact form: the caller asks for the JSON list
        }
        try {
            return org.citycard.dictionary.format.CompactHotlist.Image.parse(resp.body(), capacity);
        } catch (IllegalArgumentException | org.citycard.dictionary.format.CompactHotlist.CapacityExceededException e) {
            throw new RefusedAnswerException(
                    "the compact hotlist answer is refused, the local hotlist kept: " + e.getMessage());
        }
    }

    @Override
    public Parameters parameters(String terminalId) throws IOException {
        JsonNode n = get(PARAMETERS);
        Map<String, String> values = new LinkedHashMap<>();
        n.path("values")
                .fields()
                .forEachRemaining(e -> values.put(
                        e.getKey(),
                        e.getValue().isValueNode()
                                ? e.getValue().asText()
                                : e.getValue().toString()));
        return new Parameters(n.path("version").asLong(), values);
    }

    @Override
    @SuppressWarnings("unchecked")
    public byte[] challenge() throws IOException {
        String hex = call("POST", CHALLENGES).path("challenge").asText("");
        if (!hex.matches("[0-9A-Fa-f]{16}")) {
            throw new RefusedAnswerException("the clearing server's challenge is not 16 hex digits");
        }
        return HexFormat.of().parseHex(hex);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> socialSecuritySummary(String ssn, String asn, byte[] challenge, byte[] cryptogram)
            throws IOException {
        HexFormat hex = HexFormat.of().withUpperCase();
        return json.convertValue(
                get(SOCIAL_SECURITY + "?asn=" + enc(asn) + "&challenge=" + hex.formatHex(challenge) + "&cryptogram="
                        + hex.formatHex(cryptogram)),
                Map.class);
    }

    private static List<String> texts(JsonNode arr) {
        List<String> out = new ArrayList<>();
        for (JsonNode a : arr) {
            out.add(a.asText());
        }
        return out;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
