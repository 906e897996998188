package org.citycard.clearing.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.citycard.clearing.support.MutableClock;
import org.citycard.clearing.support.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Staff sign-ins over HTTP Basic: wrong passwords lock the account (and, at a higher count, the client address) for a
 * time that doubles with each further failure; a locked sign-in is refused even with the right password. The clock is
 * moved, never slept on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(MutableClock.Config.class)
@ExtendWith(OutputCaptureExtension.class)
class StaffLoginLockoutTest {
    @Autowired
    TestRestTemplate http;

    @Autowired
    StaffUsers users;

    @Autowired
    MutableClock clock;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        registry.add("citycard.data-dir", () -> TestData.DATA_DIR + "-staff");
    }

    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    /** Every test starts an hour later: earlier tests' failures (same client address) are forgotten. */
    @BeforeEach
    void later() {
        clock.set(clock.instant().plus(Duration.ofHours(1)));
    }

    private String newUser(String password) {
        String name = "lock" + TestData.unique();
        users.add(name, password, List.of(Roles.STAFF));
        return name;
    }

    private HttpStatus status(String user, String password) {
        ResponseEntity<String> r = http.withBasicAuth(user, password).getForEntity("/api/v1/departments", String.class);
        return HttpStatus.valueOf(r.getStatusCode().value());
    }

    @Test
    void twentyWrongPasswords_lockTheAccount_evenTheRightPasswordIsRefused() {
        String password = "the right long password";
        String user = newUser(password);
        for (int i = 0; i < 20; i++) {
            assertThat(status(user, "wrong password " + i)).isIn(HttpStatus.UNAUTHORIZED, HttpStatus.TOO_MANY_REQUESTS);
        }
        assertThat(status(user, password)).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    }

    @Test
    void theLockEnds_andEachFurtherFailureDoublesIt_andTheBodySaysLockedAndUntilWhen(CapturedOutput output) {
        String password = "the right long password";
        String user = newUser(password);
        for (int i = 0; i < 4; i++) {
            assertThat(status(user, "bad secret " + i)).isEqualTo(HttpStatus.UNAUTHORIZED);
        }
        assertThat(status(user, password)).isEqualTo(HttpStatus.OK); // a success forgets the failures
        for (int i = 0; i < 5; i++) {
            assertThat(status(user, "bad secret " + i)).isEqualTo(HttpStatus.UNAUTHORIZED);
        }
        ResponseEntity<Map<String, Object>> locked =
                http.withBasicAuth(user, password).exchange("/api/v1/departments", HttpMethod.GET, null, JSON);
        assertThat(locked.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(locked.getBody())
                .containsEntry("error", "locked")
                .containsEntry(
                        "lockedUntil",
                        // kept in the database to the millisecond
                        clock.instant()
                                .plusSeconds(30)
                                .truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
                                .toString());
        assertThat((String) locked.getBody().get("message_zh")).contains("锁定");
        assertThat((String) locked.getBody().get("message_en")).contains("sign-in locked", "until");
        assertThat(locked.getHeaders().getFirst("Retry-After")).isEqualTo("30");

        clock.set(clock.instant().plusSeconds(31));
        assertThat(status(user, "bad secret again")).isEqualTo(HttpStatus.UNAUTHORIZED);
        ResponseEntity<Map<String, Object>> doubled =
                http.withBasicAuth(user, password).exchange("/api/v1/departments", HttpMethod.GET, null, JSON);
        assertThat(doubled.getBody())
                .containsEntry(
                        "lockedUntil",
                        clock.instant()
                                .plusSeconds(60)
                                .truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
                                .toString());
        clock.set(clock.instant().plusSeconds(59));
        assertThat(status(user, password)).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        clock.set(clock.instant().plusSeconds(2));
        assertThat(status(user, password)).isEqualTo(HttpStatus.OK);

        assertThat(output.getAll())
                .contains("Staff sign-in failed for user '" + user + "'", "Staff user '" + user + "' locked until")
                .doesNotContain("bad secret", password);
    }

    @Test
    void manyFailuresFromOneAddress_lockTheAddress_forEveryAccount() {
        String password = "the right long password";
        for (int u = 0; u < 5; u++) {
            String user = newUser(password);
            for (int i = 0; i < 4; i++) {
                assertThat(status(user, "wrong " + i)).isEqualTo(HttpStatus.UNAUTHORIZED);
            }
        }
        assertThat(status(newUser(password), password)).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        clock.set(clock.instant().plusSeconds(31));
        assertThat(status(newUser(password), password)).isEqualTo(HttpStatus.OK);
    }

    @Test
    void apiRefusals_carryNoBasicChallenge_soBrowsersCacheNoCredentials() {
        ResponseEntity<Map<String, Object>> anonymous =
                http.exchange("/api/v1/departments", HttpMethod.GET, null, JSON);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(anonymous.getHeaders().containsKey(HttpHeaders.WWW_AUTHENTICATE))
                .isFalse();
        assertThat(anonymous.getBody()).containsEntry("error", "unauthorized");

        ResponseEntity<String> wrong = http.withBasicAuth(newUser("the right long password"), "nope nope nope")
                .getForEntity("/api/v1/departments", String.class);
        assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(wrong.getHeaders().containsKey(HttpHeaders.WWW_AUTHENTICATE)).isFalse();
    }

    @Test
    void theExchangePagesBasicSignIn_countsAndObeysTheSameLockout() {
        String password = "the right long password";
        String user = newUser(password);
        for (int i = 0; i < 5; i++) {
            assertThat(http.withBasicAuth(user, "guess " + i)
                            .getForEntity("/api/exchange/stats?days=1", String.class)
                            .getStatusCode())
                    .isEqualTo(HttpStatus.UNAUTHORIZED);
        }
        assertThat(status(user, password)).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(http.withBasicAuth(user, password)
                        .getForEntity("/api/exchange/stats?days=1", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        clock.set(clock.instant().plusSeconds(31));
        assertThat(http.withBasicAuth(user, password)
                        .getForEntity("/api/exchange/stats?days=1", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }
}
