package org.citycard.clearing.socialsecurity;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The challenges the server gives terminals for the card's INTERNAL AUTHENTICATE (CARD-SPEC §4.6, issue 15): 8
 * random bytes, kept for the terminal they were given to, good for one use within {@link #LIFETIME}. A terminal holds
 * at most {@link #PER_TERMINAL} at a time (a new one pushes out its oldest), so the store is bounded by the number of
 * registered terminals (only an authenticated terminal gets one). The server keeps them in table
 * {@code card_challenge} (issue 21: behind a load balancer the query may reach another instance than the one that gave
 * the challenge; the DELETE that uses one up is atomic across instances); without a database (unit tests) in memory.
 */
@Component
public class CardChallenges {
    public static final Duration LIFETIME = Duration.ofSeconds(60);
    static final int PER_TERMINAL = 4;
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private record Issued(String challenge, long expiresAtMillis) {}

    private final Map<String, Deque<Issued>> byTerminal = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final JdbcClient jdbc;

    /** In memory (one server, or a unit test). */
    public CardChallenges(Clock clock) {
        this(clock, null);
    }

    /** In the database, shared by every server instance on it. */
    @Autowired
    public CardChallenges(Clock clock, JdbcClient jdbc) {
        this.clock = clock;
        this.jdbc = jdbc;
    }

    /** A fresh challenge for the terminal, in hex (16 digits). */
    public String issue(String terminalId) {
        byte[] c = new byte[8];
        random.nextBytes(c);
        String challenge = HEX.formatHex(c);
        long now = clock.millis();
        if (jdbc != null) {
            jdbc.sql("DELETE FROM card_challenge WHERE terminal_id = ? AND expires_at <= ?")
                    .params(terminalId, new Timestamp(now))
                    .update();
            List<String> held = jdbc.sql(
                            "SELECT challenge FROM card_challenge WHERE terminal_id = ? ORDER BY expires_at, challenge")
                    .param(terminalId)
                    .query(String.class)
                    .list();
            for (int i = 0; i <= held.size() - PER_TERMINAL; i++) {
                jdbc.sql("DELETE FROM card_challenge WHERE terminal_id = ? AND challenge = ?")
                        .params(terminalId, held.get(i))
                        .update();
            }
            jdbc.sql("INSERT INTO card_challenge (terminal_id, challenge, expires_at) VALUES (?, ?, ?)")
                    .params(terminalId, challenge, new Timestamp(now + LIFETIME.toMillis()))
                    .update();
            return challenge;
        }
        Deque<Issued> q = byTerminal.computeIfAbsent(terminalId, t -> new ArrayDeque<>());
        synchronized (q) {
            q.removeIf(i -> i.expiresAtMillis() <= now);
            while (q.size() >= PER_TERMINAL) {
                q.removeFirst();
            }
            q.addLast(new Issued(challenge, now + LIFETIME.toMillis()));
        }
        return challenge;
    }

    /**
     * Uses the challenge up: true when it was given to this terminal, not yet used and not expired. It is gone
     * afterwards whatever the query's outcome, so one challenge allows one try.
     */
    public boolean consume(String terminalId, String challenge) {
        if (challenge == null) {
            return false;
        }
        long now = clock.millis();
        if (jdbc != null) {
            String c = challenge.toUpperCase(Locale.ROOT);
            boolean valid =
                    jdbc.sql("DELETE FROM card_challenge WHERE terminal_id = ? AND challenge = ? AND expires_at > ?")
                                    .params(terminalId, c, new Timestamp(now))
                                    .update()
                            == 1;
            if (!valid) {
                jdbc.sql("DELETE FROM card_challenge WHERE terminal_id = ? AND challenge = ?")
                        .params(terminalId, c)
                        .update();
            }
            return valid;
        }
        Deque<Issued> q = byTerminal.get(terminalId);
        if (q == null) {
            return false;
        }
        synchronized (q) {
            for (Iterator<Issued> it = q.iterator(); it.hasNext(); ) {
                Issued i = it.next();
                if (i.challenge().equalsIgnoreCase(challenge)) {
                    it.remove();
                    return i.expiresAtMillis() > now;
                }
            }
        }
        return false;
    }
}
