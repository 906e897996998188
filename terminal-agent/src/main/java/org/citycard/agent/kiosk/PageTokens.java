package org.citycard.agent.kiosk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;

/**
 * The per-page tokens: each page served gets a fresh random token in a {@code <meta name="citycard-page-token">},
 * and every state-changing call must send it back in {@code X-CityCard-Page-Token}. Another origin cannot read the
 * page (no CORS), so it cannot learn a token. The last {@value #KEPT} tokens stay valid (a kiosk and a counter page,
 * reloads); older ones lapse.
 */
final class PageTokens {
    static final String HEADER = "X-CityCard-Page-Token";
    static final int KEPT = 8;
    private final SecureRandom random = new SecureRandom();
    private final Deque<String> issued = new ArrayDeque<>();

    synchronized String issue() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        String t = HexFormat.of().formatHex(b);
        issued.addFirst(t);
        while (issued.size() > KEPT) {
            issued.removeLast();
        }
        return t;
    }

    synchronized boolean valid(String token) {
        if (token == null || token.isEmpty()) {
            return false;
        }
        byte[] given = token.getBytes(StandardCharsets.US_ASCII);
        boolean ok = false;
        for (String t : issued) {
            ok |= MessageDigest.isEqual(t.getBytes(StandardCharsets.US_ASCII), given);
        }
        return ok;
    }
}
