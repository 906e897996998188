package org.citycard.clearing.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The first administrator of a test server, signed in as a real operator would: the server lets the generated
 * password do nothing but change it (issue 15), so the first test to need it changes it to {@link #PASSWORD} (which
 * deletes {@code initial-admin-password.txt}); later tests on the same database use that.
 */
public final class InitialAdmin {
    public static final String PASSWORD = "the test administrator's own password";
    private static final Map<Path, Boolean> CHANGED = new ConcurrentHashMap<>();

    private InitialAdmin() {}

    /** The administrator's password on the server {@code http} talks to, whose data directory is {@code dataDir}. */
    public static synchronized String password(TestRestTemplate http, Path dataDir) {
        Path file = dataDir.resolve("initial-admin-password.txt");
        if (CHANGED.containsKey(dataDir) || !Files.exists(file)) {
            return PASSWORD;
        }
        try {
            String initial = Files.readString(file).strip();
            ResponseEntity<String> r = http.withBasicAuth("admin", initial)
                    .postForEntity(
                            "/api/v1/staff/me/password", Map.of("current", initial, "new", PASSWORD), String.class);
            if (r.getStatusCode() != HttpStatus.NO_CONTENT) {
                throw new IllegalStateException(
                        "the initial administrator password was not changed: " + r.getStatusCode() + " " + r.getBody());
            }
            CHANGED.put(dataDir, true);
            return PASSWORD;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
