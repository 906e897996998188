package org.citycard.issuance.desk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.citycard.issuance.IssuanceTool;
import org.citycard.issuance.server.CardRegistryClient;
import org.citycard.issuance.support.Fixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The desk's sessions over HTTP: the first supervisor from the desk, staff side by side with one cookie each
 * (HttpOnly, SameSite=Strict), a POST without the session's CSRF token refused, the lockout after five wrong
 * passwords, idle expiry, logout.
 */
class DeskSessionsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    final MovableClock clock = new MovableClock();
    final HttpClient http = HttpClient.newHttpClient();
    DeskServer desk;
    IssuanceTool bare;
    Fixture f;

    @AfterEach
    void stop() {
        if (desk != null) {
            desk.close();
        }
        if (f != null) {
            f.close();
        }
        if (bare != null) {
            bare.close();
        }
    }

    record Answer(int status, JsonNode body, String setCookie) {
        String cookie() {
            return setCookie.split(";")[0];
        }
    }

    Answer call(String method, String path, String cookie, String csrf, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + desk.port() + path));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        b.method(
                method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(
                r.statusCode(),
                JSON.readTree(r.body()),
                r.headers().firstValue("Set-Cookie").orElse(""));
    }

    Answer login(String user, String password) throws Exception {
        return call(
                "POST",
                "/api/login",
                null,
                null,
                JSON.writeValueAsString(java.util.Map.of("username", user, "password", password)));
    }

    @Test
    void aFreshDataDirectory_getsItsFirstSupervisorFromTheDesk_once() throws Exception {
        bare = IssuanceTool.open(dir.resolve("fresh"), Fixture.BOOT_PASSWORD.clone(), clock);
        desk = DeskServer.start(bare, CardRegistryClient.none(), "127.0.0.1", 0, Duration.ofMinutes(15));
        assertThat(call("GET", "/api/state", null, null, null)
                        .body()
                        .path("firstSupervisor")
                        .asBoolean())
                .isTrue();
        String boot = "{\"username\":\"sup\",\"displayName\":\"主管\",\"password\":\"a long password\"}";
        assertThat(call("POST", "/api/bootstrap", null, null, boot).status()).isEqualTo(200);
        Answer again = call("POST", "/api/bootstrap", null, null, boot.replace("sup", "eve"));
        assertThat(again.status()).isEqualTo(403);
        assertThat(again.body().path("error").asText()).contains("already exist");
        Answer in = login("sup", "a long password");
        JsonNode state = call("GET", "/api/state", in.cookie(), null, null).body();
        assertThat(state.path("user").asText()).isEqualTo("sup");
        assertThat(state.path("menu").toString())
                .contains("staff")
                .contains("review")
                .doesNotContain("production");
    }

    @Test
    void staffSideBySide_eachWithTheirOwnSession_csrf_lockout_idleExpiry_logout() throws Exception {
        f = new Fixture(dir.resolve("data"), clock);
        desk = DeskServer.start(f.tool, CardRegistryClient.none(), "127.0.0.1", 0, Duration.ofMinutes(15));
        String pw = new String(Fixture.PASSWORD);
        Answer clerk = login("clerk", pw);
        Answer rev = login("rev", pw);
        assertThat(clerk.setCookie())
                .contains("HttpOnly")
                .contains("SameSite=Strict")
                .contains("Path=/");
        assertThat(clerk.cookie()).isNotEqualTo(rev.cookie());
        JsonNode clerkState =
                call("GET", "/api/state", clerk.cookie(), null, null).body();
        JsonNode revState = call("GET", "/api/state", rev.cookie(), null, null).body();
        assertThat(clerkState.path("user").asText()).isEqualTo("clerk");
        assertThat(clerkState.path("menu").toString())
                .contains("enrol")
                .contains("counter")
                .doesNotContain("review");
        assertThat(revState.path("user").asText()).isEqualTo("rev");
        assertThat(revState.path("menu").toString()).contains("review").doesNotContain("enrol");

        String check = "{\"field\":\"citizen_id\",\"value\":\"110105194912310021\"}";
        Answer forged = call("POST", "/api/check", clerk.cookie(), null, check);
        assertThat(forged.status()).as("a POST without the CSRF token").isEqualTo(403);
        assertThat(forged.body().path("error").asText()).contains("CSRF");
        Answer wrongToken =
                call("POST", "/api/check", clerk.cookie(), revState.path("csrf").asText(), check);
        assertThat(wrongToken.status()).as("another session's token").isEqualTo(403);
        Answer checked = call(
                "POST", "/api/check", clerk.cookie(), clerkState.path("csrf").asText(), check);
        assertThat(checked.status()).isEqualTo(200);
        assertThat(checked.body().path("rule").asText()).contains("check character: expected X, found 1");
        Answer notMine =
                call("POST", "/api/check", rev.cookie(), revState.path("csrf").asText(), check);
        assertThat(notMine.status()).as("a reviewer does not enrol").isEqualTo(403);

        for (int i = 0; i < 5; i++) {
            assertThat(login("op", "wrong password " + i).status()).isEqualTo(401);
        }
        Answer locked = login("op", pw);
        assertThat(locked.status()).isEqualTo(401);
        assertThat(locked.body().path("error").asText()).contains("locked");

        clock.move(Duration.ofMinutes(10));
        assertThat(call("GET", "/api/state", clerk.cookie(), null, null)
                        .body()
                        .path("signedIn")
                        .asBoolean())
                .isTrue();
        clock.move(Duration.ofMinutes(16));
        assertThat(call("GET", "/api/state", rev.cookie(), null, null)
                        .body()
                        .path("signedIn")
                        .asBoolean())
                .as("idle 26 minutes")
                .isFalse();
        assertThat(call("GET", "/api/state", clerk.cookie(), null, null)
                        .body()
                        .path("signedIn")
                        .asBoolean())
                .as("idle 16 minutes")
                .isFalse();
        assertThat(call("GET", "/api/review", rev.cookie(), null, null).status())
                .isEqualTo(403);

        Answer again = login("clerk", pw);
        String csrf = call("GET", "/api/state", again.cookie(), null, null)
                .body()
                .path("csrf")
                .asText();
        assertThat(call("POST", "/api/logout", again.cookie(), csrf, "{}").setCookie())
                .contains("Max-Age=0");
        assertThat(call("GET", "/api/state", again.cookie(), null, null)
                        .body()
                        .path("signedIn")
                        .asBoolean())
                .isFalse();
    }

    /** A clock the test moves forward. */
    static final class MovableClock extends Clock {
        private volatile Instant now = Instant.now();

        void move(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.systemDefault();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
