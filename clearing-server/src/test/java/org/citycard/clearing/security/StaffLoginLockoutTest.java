package org.citycard.clearing.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.citycard.clearing.support.MutableClock;
import org.citycard.clearing.support.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
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
}
