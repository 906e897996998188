package org.citycard.clearing.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.citycard.clearing.config.CityCardProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Failed staff sign-ins per user name and per client address, in memory (a restart forgets them), each map bounded
 * (least recently touched entries go first) so random names cannot grow the heap. After the configured number of
 * failures in a row the name (or address) is locked for {@code lockSeconds}, doubling with every further failure up
 * to {@code maxLockSeconds}. Time comes only from the server's {@link Clock}. Passwords are never seen here.
 */
@Component
public class LoginAttempts {
    static final int CAPACITY = 10_000;
    private static final Logger log = LoggerFactory.getLogger(LoginAttempts.class);

    private record Failures(int count, Instant last, Instant lockedUntil) {}

    private final Clock clock;
    private final CityCardProperties.Login limits;
    private final Map<String, Failures> users = lru();
    private final Map<String, Failures> addresses = lru();

    public LoginAttempts(Clock clock, CityCardProperties properties) {
        this.clock = clock;
        this.limits = properties.security().login();
    }

    private static Map<String, Failures> lru() {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
                return size() > CAPACITY;
            }
        };
    }

    /** Until when a sign-in of this user from this address is refused, if it is now. */
    public synchronized Optional<Instant> lockedUntil(String username, String address) {
        Instant now = clock.instant();
        Instant u = until(users, username, now);
        Instant a = until(addresses, address, now);
        if (u == null) {
            return Optional.ofNullable(a);
        }
        return Optional.of(a == null || u.isAfter(a) ? u : a);
    }

    private Instant until(Map<String, Failures> map, String key, Instant now) {
        Failures f = key == null ? null : map.get(key);
        if (f == null) {
            return null;
        }
        if (f.lockedUntil() != null && f.lockedUntil().isAfter(now)) {
            return f.lockedUntil();
        }
        if (f.last().plusSeconds(limits.maxLockSeconds()).isBefore(now)) {
            map.remove(key);
        }
        return null;
    }

    /** A wrong password (or unknown user): counted for the name and the address, locking them at the threshold. */
    public synchronized void failed(String username, String address) {
        Instant now = clock.instant();
        Instant u = count(users, username, limits.userFailures(), now);
        Instant a = count(addresses, address, limits.addressFailures(), now);
        log.warn("Staff sign-in failed for user '{}' from {}", username, address);
        if (u != null) {
            log.warn(
                    "Staff user '{}' locked until {} after {} failed sign-ins",
                    username,
                    u,
                    users.get(username).count());
        }
        if (a != null) {
            log.warn(
                    "Client address {} locked until {} after {} failed sign-ins",
                    address,
                    a,
                    addresses.get(address).count());
        }
    }

    private Instant count(Map<String, Failures> map, String key, int threshold, Instant now) {
        if (key == null) {
            return null;
        }
        Failures old = map.get(key);
        if (old != null && old.last().plusSeconds(limits.maxLockSeconds()).isBefore(now)) {
            old = null;
        }
        int count = old == null ? 1 : old.count() + 1;
        Instant until = null;
        if (count >= threshold) {
            int doublings = Math.min(count - threshold, 30);
            long seconds = Math.min((long) limits.lockSeconds() << doublings, limits.maxLockSeconds());
            until = now.plus(Duration.ofSeconds(seconds));
        }
        map.put(key, new Failures(count, now, until));
        return until;
    }

    /** A successful sign-in forgets the user's failures (not the address's: one good account must not reset it). */
    public synchronized void succeeded(String username) {
        users.remove(username);
    }
}
