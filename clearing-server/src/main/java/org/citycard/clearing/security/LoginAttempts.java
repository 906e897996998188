package org.citycard.clearing.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.citycard.clearing.config.CityCardProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Failed staff sign-ins per user name and per client address, in the database (table {@code staff_login_failure},
 * V3_26): every server instance counts into the same rows, so a second node or a restart neither resets a count nor
 * lifts a lock. After the configured number of failures in a row the name (or address) is locked for
 * {@code lockSeconds}, doubling with every further failure up to {@code maxLockSeconds}; a count untouched for
 * {@code maxLockSeconds} starts again, and such rows are deleted as new failures come (so the table holds only the
 * last quarter hour's, by default; an address is locked after 20, which bounds what one address can add). Time comes
 * only from the server's {@link Clock}. Passwords are never seen here. Counting is atomic per row (UPDATE
 * failures = failures + 1), whichever node counts.
 */
@Component
public class LoginAttempts {
    /** Longest user name or address kept (longer ones are cut: they still count, under their first characters). */
    static final int SUBJECT_MAX = 200;

    private static final Logger log = LoggerFactory.getLogger(LoginAttempts.class);
    private static final String USER = "U";
    private static final String ADDRESS = "A";

    private final Clock clock;
    private final CityCardProperties.Login limits;
    private final JdbcClient jdbc;

    public LoginAttempts(Clock clock, CityCardProperties properties, JdbcClient jdbc) {
        this.clock = clock;
        this.limits = properties.security().login();
        this.jdbc = jdbc;
    }

    /** Until when a sign-in of this user from this address is refused, if it is now. */
    public Optional<Instant> lockedUntil(String username, String address) {
        long now = clock.millis();
        Long u = until(USER, username, now);
        Long a = until(ADDRESS, address, now);
        Long latest = u;
        if (latest == null || (a != null && a > latest)) {
            latest = a;
        }
        return Optional.ofNullable(latest).map(Instant::ofEpochMilli);
    }

    private Long until(String kind, String subject, long now) {
        if (subject == null) {
            return null;
        }
        return jdbc.sql("SELECT locked_until_ms FROM staff_login_failure WHERE kind = ? AND subject = ?"
                        + " AND locked_until_ms > ?")
                .params(kind, cut(subject), now)
                .query(Long.class)
                .optional()
                .orElse(null);
    }

    /** A wrong password (or unknown user): counted for the name and the address, locking them at the threshold. */
    public void failed(String username, String address) {
        long now = clock.millis();
        jdbc.sql("DELETE FROM staff_login_failure WHERE last_failure_ms < ?")
                .param(now - limits.maxLockSeconds() * 1000L)
                .update();
        Counted u = count(USER, username, limits.userFailures(), now);
        Counted a = count(ADDRESS, address, limits.addressFailures(), now);
        log.warn("Staff sign-in failed for user '{}' from {}", username, address);
        if (u != null && u.lockedUntil() != null) {
            log.warn(
                    "Staff user '{}' locked until {} after {} failed sign-ins",
                    username,
                    Instant.ofEpochMilli(u.lockedUntil()),
                    u.count());
        }
        if (a != null && a.lockedUntil() != null) {
            log.warn(
                    "Client address {} locked until {} after {} failed sign-ins",
                    address,
                    Instant.ofEpochMilli(a.lockedUntil()),
                    a.count());
        }
    }

    private record Counted(int count, Long lockedUntil) {}

    private Counted count(String kind, String subject, int threshold, long now) {
        if (subject == null) {
            return null;
        }
        String key = cut(subject);
        if (increment(kind, key, now) == 0) {
            try {
                jdbc.sql("INSERT INTO staff_login_failure (kind, subject, failures, last_failure_ms, locked_until_ms)"
                                + " VALUES (?, ?, 1, ?, NULL)")
                        .params(kind, key, now)
                        .update();
            } catch (DuplicateKeyException e) {
                increment(kind, key, now); // another node inserted it just now: count on its row
            }
        }
        int count = jdbc.sql("SELECT failures FROM staff_login_failure WHERE kind = ? AND subject = ?")
                .params(kind, key)
                .query(Integer.class)
                .optional()
                .orElse(1);
        if (count < threshold) {
            return new Counted(count, null);
        }
        int doublings = Math.min(count - threshold, 30);
        long seconds = Math.min((long) limits.lockSeconds() << doublings, limits.maxLockSeconds());
        long until = now + seconds * 1000L;
        jdbc.sql("UPDATE staff_login_failure SET locked_until_ms = ? WHERE kind = ? AND subject = ?")
                .params(until, kind, key)
                .update();
        return new Counted(count, until);
    }

    private int increment(String kind, String key, long now) {
        return jdbc.sql("UPDATE staff_login_failure SET failures = failures + 1, last_failure_ms = ?"
                        + " WHERE kind = ? AND subject = ?")
                .params(now, kind, key)
                .update();
    }

    /** A successful sign-in forgets the user's failures (not the address's: one good account must not reset it). */
    public void succeeded(String username) {
        if (username != null) {
            jdbc.sql("DELETE FROM staff_login_failure WHERE kind = ? AND subject = ?")
                    .params(USER, cut(username))
                    .update();
        }
    }

    private static String cut(String subject) {
        return subject.length() <= SUBJECT_MAX ? subject : subject.substring(0, SUBJECT_MAX);
    }
}
