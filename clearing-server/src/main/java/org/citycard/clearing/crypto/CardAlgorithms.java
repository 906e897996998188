package org.citycard.clearing.crypto;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.citycard.dictionary.crypto.Algorithm;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The algorithm of each card's keys as the card registry holds it ({@code card.algorithm}, migration V3_23: reported
 * by issuance when it registers the card, 00 for every card registered before). A card's algorithm is fixed at
 * personalisation, so what was read once is kept (bounded; refilled from the database when full).
 *
 * <p>The server verifies a card's MAC1, MAC2, TAC and INTERNAL AUTHENTICATE with the keys of this algorithm, and
 * refuses a record or request whose algorithm byte says another: a transaction of an SM4 card is never verified with
 * the 3DES keys because a terminal said "00" (CARD-SPEC §3: a card's keys all have one algorithm).
 */
@Component
public class CardAlgorithms {
    private static final int CAPACITY = 200_000;

    private final JdbcClient jdbc;
    private final Map<String, Algorithm> known = new ConcurrentHashMap<>();

    public CardAlgorithms(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The registered card's algorithm; empty for a card the registry does not know. */
    public Optional<Algorithm> of(String asn) {
        Algorithm a = known.get(asn);
        if (a != null) {
            return Optional.of(a);
        }
        Optional<Algorithm> read = jdbc.sql("SELECT algorithm FROM card WHERE asn = ?")
                .param(asn)
                .query(String.class)
                .optional()
                .map(CardAlgorithms::parse);
        read.ifPresent(alg -> {
            if (known.size() >= CAPACITY) {
                known.clear();
            }
            known.put(asn, alg);
        });
        return read;
    }

    /** Parses the two hex digits of an algorithm ID: 00 or 04. */
    public static Algorithm parse(String hex) {
        return Algorithm.fromId((byte) Integer.parseInt(hex.trim(), 16));
    }

    /**
     * Why a transaction claiming algorithm {@code claimed} (the byte on the wire) cannot be verified for card {@code
     * asn}, or null when it can: the byte is in the algorithm table, it is the card's registered algorithm (when the
     * registry knows the card), and {@code keys} hold the master keys of it.
     */
    public String mismatch(String asn, int claimed, HostKeys keys, String... keyIds) {
        return mismatch(() -> of(asn), claimed, keys, keyIds);
    }

    /** {@link #mismatch(String, int, HostKeys, String...)} with the card's registered algorithm already read. */
    public static String mismatch(Algorithm registered, int claimed, HostKeys keys, String... keyIds) {
        return mismatch(() -> Optional.ofNullable(registered), claimed, keys, keyIds);
    }

    private static String mismatch(
            java.util.function.Supplier<Optional<Algorithm>> registeredOf,
            int claimed,
            HostKeys keys,
            String... keyIds) {
        Algorithm alg;
        try {
            alg = Algorithm.fromId((byte) claimed);
        } catch (IllegalArgumentException e) {
            return String.format("algorithm %02X is not in the algorithm table (00 3DES, 04 SM4)", claimed);
        }
        Optional<Algorithm> registered = registeredOf.get();
        if (registered.isPresent() && registered.get() != alg) {
            return String.format(
                    "algorithm %02X is not the card's (%s, as registered)",
                    claimed, registered.get().code());
        }
        for (String id : keyIds) {
            if (!keys.holds(id, alg)) {
                return String.format("the server's key set holds no %s %s (algorithm %s)", alg, id, alg.code());
            }
        }
        return null;
    }
}
