package org.citycard.clearing.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.citycard.clearing.socialsecurity.KioskFiles;
import org.citycard.clearing.socialsecurity.SocialSecurityRepository;
import org.citycard.clearing.support.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * CSRF on the staff API (issue 15): a browser that holds an administrator's Basic credentials (it sends them by
 * itself to the server's origin) is made by another site to POST a form or text/plain, the two kinds a page may send
 * cross-site without the server's consent. Such a request is refused 403 and changes nothing; the same request from
 * an API client (which sends {@code X-Requested-With}) goes through. Terminal calls (MACed) need no such header.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StaffCsrfTest {
    static final String EVIL = "https://evil.example";
    static final String ADMIN_PASSWORD = "the csrf test's admin password";
    static final String CLERK_PASSWORD = "the csrf test's clerk password";

    @LocalServerPort
    int port;

    @Autowired
    StaffUsers users;

    @Autowired
    SocialSecurityRepository socialSecurity;

    final HttpClient client = HttpClient.newHttpClient();
    String admin;
    String clerk;

    @BeforeEach
    void anAdministratorAndAClerk() {
        admin = "csrfadmin" + TestData.unique();
        clerk = "csrfclerk" + TestData.unique();
        users.add(admin, ADMIN_PASSWORD, List.of(Roles.ADMIN, Roles.STAFF));
        users.add(clerk, CLERK_PASSWORD, List.of(Roles.STAFF));
    }

    @Test
    void aCrossSiteFormPost_withTheBrowsersBasicCredentials_isRefused_andTheClerkStaysEnabled() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/v1/admin/users/" + clerk + "/disable"))
                .header("Authorization", basic(admin, ADMIN_PASSWORD))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", EVIL)
                .header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.ofString("x=1")));

        assertThat(r.statusCode())
                .as("today the form disables the clerk (204): CSRF is off on the Basic API")
                .isEqualTo(403);
        assertThat(r.body()).contains("cross-site request refused");
        assertThat(status("GET", "/api/v1/departments", clerk, CLERK_PASSWORD, null))
                .as("the clerk can still sign in")
                .isEqualTo(200);
    }

    @Test
    void aCrossSiteTextPlainPost_importsNoExchangeFile() throws Exception {
        String name = "csrf-" + TestData.unique() + ".txt";
        String citizen = KioskFiles.citizen((int) (TestData.unique() % 900) + 50);
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/v1/social-security/imports?name=" + name))
                .header("Authorization", basic(admin, ADMIN_PASSWORD))
                .header("Content-Type", "text/plain")
                .header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.ofByteArray(KioskFiles.file(citizen))));

        assertThat(r.statusCode())
                .as("today a text/plain POST from any page imports the file")
                .isEqualTo(403);
        assertThat(socialSecurity.imports(1000))
                .extracting(SocialSecurityRepository.Imported::fileName)
                .doesNotContain(name);
    }

    @Test
    void aStateChangeWithoutTheHeader_isRefused_evenWithoutOrigin() throws Exception {
        assertThat(status("POST", "/api/v1/admin/users/" + clerk + "/disable", admin, ADMIN_PASSWORD, null))
                .isEqualTo(403);
        assertThat(status("GET", "/api/v1/departments", clerk, CLERK_PASSWORD, null))
                .isEqualTo(200);
    }

    @Test
    void aForeignOriginIsRefused_evenWithTheHeader() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/v1/admin/users/" + clerk + "/disable"))
                .header("Authorization", basic(admin, ADMIN_PASSWORD))
                .header("X-Requested-With", "XMLHttpRequest")
                .header("Origin", EVIL)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("Origin");
        assertThat(status("GET", "/api/v1/departments", clerk, CLERK_PASSWORD, null))
                .isEqualTo(200);
    }

    @Test
    void anApiClientWithTheHeader_andASameOriginPage_change() throws Exception {
        assertThat(status("POST", "/api/v1/admin/users/" + clerk + "/disable", admin, ADMIN_PASSWORD, "CityCard"))
                .isEqualTo(204);
        assertThat(status("GET", "/api/v1/departments", clerk, CLERK_PASSWORD, null))
                .as("disabled")
                .isEqualTo(401);
        HttpResponse<String> sameOrigin = send(HttpRequest.newBuilder(uri("/api/v1/admin/users/" + clerk + "/enable"))
                .header("Authorization", basic(admin, ADMIN_PASSWORD))
                .header("X-Requested-With", "XMLHttpRequest")
                .header("Origin", "http://localhost:" + port)
                .header("Sec-Fetch-Site", "same-origin")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(sameOrigin.statusCode()).isEqualTo(204);
        assertThat(status("GET", "/api/v1/departments", clerk, CLERK_PASSWORD, null))
                .isEqualTo(200);
    }

    @Test
    void readsNeedNoHeader() throws Exception {
        assertThat(status("GET", "/api/v1/admin/users", admin, ADMIN_PASSWORD, null))
                .isEqualTo(200);
    }

    // ------------------------------------------------------------------ helpers

    int status(String method, String path, String user, String password, String requestedWith) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .header("Authorization", basic(user, password))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (requestedWith != null) {
            b.header("X-Requested-With", requestedWith);
        }
        return send(b).statusCode();
    }

    HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
