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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link ServerApi} over HTTP/JSON (java.net.http + Jackson). Paths (relative to the server's base URL):
 *
 * <ul>
 *   <li>{@code GET /api/hotlist[?since=N]} → {@code {version, since, asns[], changes[{version, asn, type}]}}
 *   <li>{@code GET /api/terminals/{terminalId}/parameters} → {@code {version, values{…}}}
 *   <li>{@code GET /api/citizens/{ssn}/social-security} → the summary object shown by the kiosk
 * </ul>
 */
public final class HttpServerApi implements ServerApi {
    public static final String HOTLIST = "/api/hotlist";
    public static final String PARAMETERS = "/api/terminals/%s/parameters";
    public static final String SOCIAL_SECURITY = "/api/citizens/%s/social-security";

    private final String base;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final Duration timeout;

    public HttpServerApi(String baseUrl, Duration timeout) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    private JsonNode get(String path) throws IOException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<byte[]> resp;
        try {
            resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + path, e);
        } catch (IOException e) {
            throw new IOException("cannot reach the clearing server at " + base + " for " + path + ": " + e, e);
        }
        if (resp.statusCode() != 200) {
            throw new IOException("the clearing server answered " + resp.statusCode() + " to GET " + path);
        }
        return json.readTree(resp.body());
    }

    @Override
    public Hotlist hotlist(Long since) throws IOException {
        JsonNode n = get(HOTLIST + (since == null ? "" : "?since=" + since));
        long version = n.path("version").asLong();
        boolean full = n.path("since").isNull() || n.path("since").isMissingNode();
        List<String> asns = texts(n.path("asns"));
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (JsonNode c : n.path("changes")) {
            String type = c.path("type").asText();
            (type.startsWith("A") ? added : removed).add(c.path("asn").asText());
        }
        return new Hotlist(version, full, asns, added, removed);
    }

    @Override
    public Parameters parameters(String terminalId) throws IOException {
        JsonNode n = get(String.format(PARAMETERS, enc(terminalId)));
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
    public Map<String, Object> socialSecuritySummary(String ssn) throws IOException {
        return json.convertValue(get(String.format(SOCIAL_SECURITY, enc(ssn))), Map.class);
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
