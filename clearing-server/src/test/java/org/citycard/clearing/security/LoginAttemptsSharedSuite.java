package org.citycard.clearing.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.citycard.clearing.support.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Lockout counts (issue 15) are the database's, not one server's: a second instance (another node, or this one
 * after a restart) sees the failures and the lock the first one counted, and counts on from them. Run on Derby and
 * PostgreSQL. The second instance is a new {@link LoginAttempts} built by the context, as a restarted or second
 * server would build its own.
 */
abstract class LoginAttemptsSharedSuite {
    @Autowired
    ApplicationContext context;

    @Autowired
    LoginAttempts attempts;

    LoginAttempts anotherInstance() {
        return context.getAutowireCapableBeanFactory().createBean(LoginAttempts.class);
    }

    static String user() {
        return "shared" + TestData.unique();
    }

    static String address() {
        long n = TestData.unique();
        return "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
    }

    @Test
    void aLockCountedByOneInstance_holdsOnAnotherAndAfterARestart() {
        String user = user();
        String address = address();
        for (int i = 0; i < 5; i++) {
            attempts.failed(user, address);
        }
        assertThat(attempts.lockedUntil(user, address)).isPresent();

        assertThat(anotherInstance().lockedUntil(user, address))
                .as("today the counts are in memory: a second instance or a restart forgets the lock")
                .isPresent();
    }

    @Test
    void failuresOnTwoInstances_addUp() {
        String user = user();
        String address = address();
        LoginAttempts other = anotherInstance();
        for (int i = 0; i < 3; i++) {
            attempts.failed(user, address);
        }
        other.failed(user, address);
        other.failed(user, address);

        assertThat(attempts.lockedUntil(user, address))
                .as("3 here and 2 there make the 5 that lock the account")
                .isPresent();
        assertThat(other.lockedUntil(user, null)).isPresent();
    }

    @Test
    void aSuccessOnOneInstance_forgetsTheUsersFailuresOnAll_notTheAddresss() {
        String user = user();
        String address = address();
        LoginAttempts other = anotherInstance();
        for (int i = 0; i < 4; i++) {
            attempts.failed(user, address);
        }
        other.succeeded(user);
        attempts.failed(user, address);

        assertThat(attempts.lockedUntil(user, null)).isEmpty();
        for (int i = 0; i < 15; i++) {
            other.failed("shared-other" + TestData.unique(), address);
        }
        assertThat(attempts.lockedUntil(user(), address))
                .as("20 failures from the address, on two instances, lock the address")
                .isPresent();
    }
}
