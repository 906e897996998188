package org.citycard.clearing.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.citycard.clearing.support.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The forced password change (issue 15) is on by default and holds on every door: the first administrator with its
 * generated password, and a user whose password an administrator reset, may do nothing but change it, on the API
 * (Basic), on the dashboard (form login, session) and on the exchange page; then everything works and the initial
 * password file is gone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StaffForcedPasswordChangeTest {
    static final Path DIR = Path.of(TestData.DATA_DIR + "-staff-forced");
    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    StaffUsers users;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        registry.add("citycard.data-dir", DIR::toString);
    }

    @Test
    void byDefault_theInitialAdministrator_mayOnlyChangeItsPassword_thenTheFileIsDeleted() throws Exception {
        Path file = DIR.resolve("initial-admin-password.txt");
        String initial = Files.readString(file).strip();
        HttpClient client = HttpClient.newHttpClient();

        HttpResponse<String> refused = client.send(basic("GET", "/api/v1/departments", "admin", initial, null), text());
        assertThat(refused.statusCode())
                .as("today the forced change is off by default: the generated password works for everything")
                .isEqualTo(403);
        assertThat(refused.body()).contains("password change required");

        String chosen = "the forced test administrator's own password";
        String change = JSON.writeValueAsString(java.util.Map.of("current", initial, "new", chosen));
        assertThat(client.send(basic("POST", "/api/v1/staff/me/password", "admin", initial, change), text())
                        .statusCode())
                .isEqualTo(204);
        assertThat(file).doesNotExist();
        assertThat(client.send(basic("GET", "/api/v1/departments", "admin", chosen, null), text())
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void aResetPassword_onTheDashboardAndTheExchangePage_getsOnlyTheChange_thenWorks() throws Exception {
        String clerk = "forced" + TestData.unique();
        users.add(clerk, "the clerk's first long password", List.of(Roles.STAFF));
        String temporary = "a temporary password from the admin";
        users.resetPassword(clerk, temporary);

        HttpClient plain = HttpClient.newHttpClient();
        assertThat(plain.send(basic("GET", "/api/exchange/stats?days=7", clerk, temporary, null), text())
                        .statusCode())
                .as("the exchange page's statistics with Basic: today they answer a pending account")
                .isEqualTo(403);

        HttpClient browser =
                HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        signIn(browser, clerk, temporary);
        HttpResponse<String> me = browser.send(get("/dashboard/api/me"), text());
        assertThat(me.statusCode())
                .as("today the dashboard serves an account whose password must be changed")
                .isEqualTo(403);
        assertThat(me.body()).contains("password change required");
        assertThat(browser.send(get("/dashboard/api/settlements"), text()).statusCode())
                .isEqualTo(403);
        assertThat(browser.send(get("/api/exchange/stats?days=7"), text()).statusCode())
                .as("the exchange page on the dashboard's session")
                .isEqualTo(403);

        String own = "the clerk's own new password";
        JsonNode csrf =
                JSON.readTree(browser.send(get("/dashboard/csrf"), text()).body());
        HttpResponse<String> changed = browser.send(
                HttpRequest.newBuilder(uri("/dashboard/api/me/password"))
                        .header(
                                csrf.path("headerName").asText(),
                                csrf.path("token").asText())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                JSON.writeValueAsString(java.util.Map.of("current", temporary, "new", own))))
                        .build(),
                text());
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
        assertThat(browser.send(get("/dashboard/api/me"), text()).statusCode()).isEqualTo(200);
        assertThat(plain.send(basic("GET", "/api/exchange/stats?days=7", clerk, own, null), text())
                        .statusCode())
                .isEqualTo(200);
        assertThat(plain.send(basic("GET", "/api/v1/departments", clerk, temporary, null), text())
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void aUserAnAdministratorCreates_mayOnlyChangeTheGivenPassword_thenWorks() throws Exception {
        String admin = "creator" + TestData.unique();
        String adminPassword = "the creating administrator's password";
        users.add(admin, adminPassword, List.of(Roles.ADMIN, Roles.STAFF));
        String clerk = "created" + TestData.unique();
        String given = "the password the admin gave";
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> created = client.send(
                basic(
                        "POST",
                        "/api/v1/admin/users",
                        admin,
                        adminPassword,
                        JSON.writeValueAsString(
                                java.util.Map.of("username", clerk, "password", given, "roles", List.of(Roles.STAFF)))),
                text());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        HttpResponse<String> first = client.send(basic("GET", "/api/v1/departments", clerk, given, null), text());
        assertThat(first.statusCode())
                .as("today a user an administrator creates works with the password the administrator knows")
                .isEqualTo(403);
        assertThat(first.body()).contains("password change required");
        assertThat(users.mustChangePassword(clerk)).isTrue();

        String own = "the created clerk's own password";
        String change = JSON.writeValueAsString(java.util.Map.of("current", given, "new", own));
        assertThat(client.send(basic("POST", "/api/v1/staff/me/password", clerk, given, change), text())
                        .statusCode())
                .isEqualTo(204);
        assertThat(users.mustChangePassword(clerk)).isFalse();
        assertThat(client.send(basic("GET", "/api/v1/departments", clerk, own, null), text())
                        .statusCode())
                .isEqualTo(200);
        assertThat(client.send(basic("GET", "/api/v1/departments", clerk, given, null), text())
                        .statusCode())
                .isEqualTo(401);
    }

    // ------------------------------------------------------------------ helpers

    void signIn(HttpClient browser, String user, String password) throws Exception {
        JsonNode csrf =
                JSON.readTree(browser.send(get("/dashboard/csrf"), text()).body());
        String form = "username=" + enc(user) + "&password=" + enc(password) + "&"
                + csrf.path("parameterName").asText() + "="
                + enc(csrf.path("token").asText());
        HttpResponse<String> r = browser.send(
                HttpRequest.newBuilder(uri("/dashboard/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                text());
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElse("")).contains("/dashboard/index.html");
    }

    HttpRequest get(String path) {
        return HttpRequest.newBuilder(uri(path))
                .header("Accept", "application/json")
                .GET()
                .build();
    }

    HttpRequest basic(String method, String path, String user, String password, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .header("X-Requested-With", "CityCard");
        if (json == null) {
            return b.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        return b.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    static HttpResponse.BodyHandler<String> text() {
        return HttpResponse.BodyHandlers.ofString();
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
