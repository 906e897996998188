package org.citycard.clearing.socialsecurity;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The challenges the server gives terminals for the card's INTERNAL AUTHENTICATE (CARD-SPEC §4.6, issue 15): 8
 * random bytes, kept for the terminal they were given to, good for one use within {@link #LIFETIME}. A terminal holds
 * at most {@link #PER_TERMINAL} at a time (a new one pushes out its oldest), so the store is bounded by the number of
 * registered terminals (only an authenticated terminal gets one). In memory: a restart forgets them, which only makes
 * the kiosks ask again.
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

    @Autowired
    public CardChallenges(Clock clock) {
        this.clock = clock;
    }

    /** A fresh challenge for the terminal, in hex (16 digits). */
    public String issue(String terminalId) {
        byte[] c = new byte[8];
        random.nextBytes(c);
        String challenge = HEX.formatHex(c);
        long now = clock.millis();
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
        Deque<Issued> q = byTerminal.get(terminalId);
        if (q == null || challenge == null) {
            return false;
        }
        long now = clock.millis();
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
