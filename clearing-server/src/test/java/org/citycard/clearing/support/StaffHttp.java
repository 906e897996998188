package org.citycard.clearing.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A staff API client for tests, as the real ones call the server (issuance tool, system tests): HTTP Basic, JSON,
 * and the {@code X-Requested-With} header that state-changing staff requests need (issue 15, CSRF).
 */
public final class StaffHttp {
    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;
    private final String authorization;

    public StaffHttp(int port, String user, String password) {
        this.base = "http://localhost:" + port;
        this.authorization =
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> send(String method, String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .header("X-Requested-With", "CityCard");
        if (json == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status(String method, String path, String json) {
        return send(method, path, json).statusCode();
    }
}
