package org.citycard.issuance.desk;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.citycard.issuance.staff.Staff;
import org.citycard.issuance.staff.StaffService;

/**
 * The desk's sessions: one per browser that signed in, several staff side by side. The cookie carries a random
 * identifier only; behind it are the staff service's session token (so a disabled account or an ended session is
 * refused at once), the CSRF token the page sends back on every POST, and the time of the last request: a session
 * idle for longer than the limit is ended (and its staff session closed).
 */
final class DeskSessions {
    static final String COOKIE = "citycard_desk";

    private final StaffService staff;
    private final Clock clock;
    private final Duration idle;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();

    DeskSessions(StaffService staff, Clock clock, Duration idle) {
        this.staff = staff;
        this.clock = clock;
        this.idle = idle;
    }

    /** One signed-in browser. */
    static final class Entry {
        final String id;
        final String staffToken;
        final String csrf;
        volatile Instant lastSeen;

        Entry(String id, String staffToken, String csrf, Instant now) {
            this.id = id;
            this.staffToken = staffToken;
            this.csrf = csrf;
            this.lastSeen = now;
        }
    }

    Duration idleLimit() {
        return idle;
    }

    /** Signs in (the staff service checks the password and locks the account after repeated failures). */
    Entry login(String username, char[] password) {
        String token = staff.login(username, password);
        Entry e = new Entry(random(), token, random(), clock.instant());
        sessions.put(e.id, e);
        return e;
    }

    /** The session and its member of staff, or empty when there is none, it was idle too long or it ended. */
    Optional<Signed> find(String cookieId) {
        if (cookieId == null) {
            return Optional.empty();
        }
        Entry e = sessions.get(cookieId);
        if (e == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (Duration.between(e.lastSeen, now).compareTo(idle) > 0) {
            end(e);
            return Optional.empty();
        }
        Optional<Staff> who = staff.session(e.staffToken);
        if (who.isEmpty()) {
            sessions.remove(e.id);
            return Optional.empty();
        }
        e.lastSeen = now;
        return Optional.of(new Signed(e, who.get()));
    }

    record Signed(Entry entry, Staff staff) {
        boolean csrfMatches(String sent) {
            return sent != null
                    && MessageDigest.isEqual(
                            sent.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                            entry.csrf.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
    }

    void logout(Entry e) {
        end(e);
    }

    private void end(Entry e) {
        sessions.remove(e.id);
        staff.logout(e.staffToken);
    }

    int count() {
        return sessions.size();
    }

    private String random() {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        return HexFormat.of().formatHex(raw);
    }
}
