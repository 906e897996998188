package org.citycard.clearing.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.citycard.clearing.support.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With {@code citycard.security.force-initial-password-change}, the first administrator (password generated into
 * the data directory) may do nothing but change its password; then the file is deleted and everything works.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "citycard.security.force-initial-password-change=true")
class StaffInitialPasswordTest {
    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    static final Path DIR = Path.of(TestData.DATA_DIR + "-staff-initial");

    @Autowired
    TestRestTemplate http;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        registry.add("citycard.data-dir", DIR::toString);
    }

    @Test
    void theInitialAdministrator_mustChangeItsPasswordFirst_thenTheFileIsDeleted() throws Exception {
        Path file = DIR.resolve("initial-admin-password.txt");
        String initial = Files.readString(file).strip();
        TestRestTemplate admin = http.withBasicAuth("admin", initial);

        ResponseEntity<Map<String, Object>> refused = admin.exchange("/api/v1/departments", HttpMethod.GET, null, JSON);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(refused.getBody()).containsEntry("error", "password change required");
        assertThat((String) refused.getBody().get("message_zh")).contains("修改初始密码");
        assertThat((String) refused.getBody().get("message_en")).contains("change your initial password");
        assertThat(admin.exchange("/api/v1/admin/users", HttpMethod.GET, null, JSON)
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);

        String chosen = "the administrator's own password";
        ResponseEntity<Map<String, Object>> tooShort = admin.exchange(
                "/api/v1/staff/me/password",
                HttpMethod.POST,
                new HttpEntity<>(Map.of("current", initial, "new", "short")),
                JSON);
        assertThat(tooShort.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(file).exists();

        assertThat(admin.exchange(
                                "/api/v1/staff/me/password",
                                HttpMethod.POST,
                                new HttpEntity<>(Map.of("current", initial, "new", chosen)),
                                JSON)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(file).doesNotExist();
        assertThat(http.withBasicAuth("admin", chosen)
                        .getForEntity("/api/v1/departments", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(http.withBasicAuth("admin", initial)
                        .getForEntity("/api/v1/departments", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Autowired
    StaffUsers users;

    @Test
    void aPasswordResetByAnAdministrator_mustBeChangedByItsOwnerFirst() {
        String admin = "boss" + TestData.unique();
        String clerk = "clerk" + TestData.unique();
        users.add(admin, "the boss's long password", java.util.List.of(Roles.ADMIN, Roles.STAFF));
        users.add(clerk, "the clerk's long password", java.util.List.of(Roles.STAFF));
        String temporary = "a temporary long password";
        assertThat(http.withBasicAuth(admin, "the boss's long password")
                        .exchange(
                                "/api/v1/admin/users/" + clerk + "/password",
                                HttpMethod.POST,
                                new HttpEntity<>(Map.of("new", temporary)),
                                JSON)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        TestRestTemplate reset = http.withBasicAuth(clerk, temporary);
        assertThat(reset.getForEntity("/api/v1/departments", String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        String own = "the clerk's new own password";
        assertThat(reset.exchange(
                                "/api/v1/staff/me/password",
                                HttpMethod.POST,
                                new HttpEntity<>(Map.of("current", temporary, "new", own)),
                                JSON)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(http.withBasicAuth(clerk, own)
                        .getForEntity("/api/v1/departments", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }
}
