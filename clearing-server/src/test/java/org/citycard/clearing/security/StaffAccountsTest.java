package org.citycard.clearing.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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

/** Staff accounts over HTTP: change your own password, an administrator resets, disables and enables others'. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StaffAccountsTest {
    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    static final String PASSWORD = "the first long password";

    @Autowired
    TestRestTemplate http;

    @Autowired
    StaffUsers users;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        registry.add("citycard.data-dir", () -> TestData.DATA_DIR + "-staff-accounts");
    }

    private String newUser(String... roles) {
        String name = "acct" + TestData.unique();
        users.add(name, PASSWORD, List.of(roles));
        return name;
    }

    private HttpStatus status(String user, String password) {
        return HttpStatus.valueOf(http.withBasicAuth(user, password)
                .getForEntity("/api/v1/departments", String.class)
                .getStatusCode()
                .value());
    }

    private ResponseEntity<Map<String, Object>> post(String user, String password, String path, Object body) {
        return http.withBasicAuth(user, password).exchange(path, HttpMethod.POST, new HttpEntity<>(body), JSON);
    }

    @Test
    void aUserChangesItsOwnPassword_onlyWithTheCurrentOne_andOnlyToALongEnoughOne() {
        String user = newUser(Roles.STAFF);
        String next = "a brand new long password";

        ResponseEntity<Map<String, Object>> wrongCurrent =
                post(user, PASSWORD, "/api/v1/staff/me/password", Map.of("current", "not the password", "new", next));
        assertThat(wrongCurrent.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(wrongCurrent.getBody()).containsEntry("field", "current").containsEntry("value", "****");

        ResponseEntity<Map<String, Object>> tooShort =
                post(user, PASSWORD, "/api/v1/staff/me/password", Map.of("current", PASSWORD, "new", "eleven char"));
        assertThat(tooShort.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(tooShort.getBody()).containsEntry("field", "new").containsEntry("value", "****");
        assertThat((String) tooShort.getBody().get("rule")).contains("12..72");
        assertThat(tooShort.getBody().toString()).doesNotContain("eleven char", PASSWORD);
        assertThat(status(user, PASSWORD)).isEqualTo(HttpStatus.OK); // nothing changed

        assertThat(post(user, PASSWORD, "/api/v1/staff/me/password", Map.of("current", PASSWORD, "new", next))
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(status(user, PASSWORD)).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(status(user, next)).isEqualTo(HttpStatus.OK);
    }

    @Test
    void anAdministratorResetsAPassword_liftingTheLock_butStaffCannot() {
        String admin = newUser(Roles.ADMIN, Roles.STAFF);
        String clerk = newUser(Roles.STAFF);
        String other = newUser(Roles.STAFF);
        String reset = "set by the administrator";

        assertThat(post(clerk, PASSWORD, "/api/v1/admin/users/" + other + "/password", Map.of("new", reset))
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        for (int i = 0; i < 5; i++) {
            status(other, "wrong guess " + i);
        }
        assertThat(status(other, PASSWORD)).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);

        ResponseEntity<Map<String, Object>> tooShort =
                post(admin, PASSWORD, "/api/v1/admin/users/" + other + "/password", Map.of("new", "short"));
        assertThat(tooShort.getBody()).containsEntry("field", "new");
        assertThat(post(
                                admin,
                                PASSWORD,
                                "/api/v1/admin/users/nobody" + TestData.unique() + "/password",
                                Map.of("new", reset))
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);

        assertThat(post(admin, PASSWORD, "/api/v1/admin/users/" + other + "/password", Map.of("new", reset))
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(status(other, reset))
                .as("the lock is lifted; a reset password may only be changed (forced change, on by default)")
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post(
                                other,
                                reset,
                                "/api/v1/staff/me/password",
                                Map.of("current", reset, "new", "the user's own new password"))
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(status(other, "the user's own new password")).isEqualTo(HttpStatus.OK);
        assertThat(status(other, PASSWORD)).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void aDisabledUserCannotSignIn_untilEnabled_andNoAdministratorDisablesItself() {
        String admin = newUser(Roles.ADMIN, Roles.STAFF);
        String clerk = newUser(Roles.STAFF);

        assertThat(post(clerk, PASSWORD, "/api/v1/admin/users/" + admin + "/disable", Map.of())
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post(admin, PASSWORD, "/api/v1/admin/users/" + clerk + "/disable", Map.of())
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(status(clerk, PASSWORD)).isEqualTo(HttpStatus.UNAUTHORIZED);

        ResponseEntity<Map<String, Object>> self =
                post(admin, PASSWORD, "/api/v1/admin/users/" + admin + "/disable", Map.of());
        assertThat(self.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(self.getBody()).containsEntry("field", "username").containsEntry("value", admin);
        assertThat(status(admin, PASSWORD)).isEqualTo(HttpStatus.OK);

        assertThat(post(admin, PASSWORD, "/api/v1/admin/users/" + clerk + "/enable", Map.of())
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(status(clerk, PASSWORD)).isEqualTo(HttpStatus.OK);
    }
}
