package org.citycard.clearing.crypto;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.citycard.clearing.config.CityCardProperties;
import org.citycard.dictionary.codec.Hex;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.crypto.TerminalKey;
import org.citycard.dictionary.record.WorkingKeyBlock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The terminals' keys at the server (DESIGN §3.8): each terminal's own master key (TMK), made at random by
 * {@link #makeTerminalKey}, and its working key (TAK), made anew at every sign-on by {@link #issueWorkingKey}. Both
 * are kept in {@code terminal_key} only encrypted under the LMK, with their check values. A TAK older than its
 * lifetime ({@code citycard.keys.tak-lifetime}, a day by default) is retired: a message under it is answered
 * "sign on again". Under the demo key set a terminal with no TMK of its own has its demo TMK
 * ({@link TerminalKey#demo}); under a real key set it has none and cannot sign on.
 *
 * <p>A terminal's keys are of one algorithm, its TMK's ({@code terminal_key.algorithm}, V3_23): 3DES (00) or SM4 (04,
 * {@code terminal-keys --alg sm4}); its SOK, its TAK and the MACs under them follow it. The LMK stays a 3DES key: it
 * encrypts either kind of 16-byte key at rest.
 *
 * <p>Working keys are cached per terminal; when a MAC does not verify under the cached key the row is read again
 * once, since another server instance may have signed the terminal on since.
 */
@Service
public class TerminalKeyService {
    private static final Logger log = LoggerFactory.getLogger(TerminalKeyService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final HostKeys keys;
    private final Clock clock;
    private final Duration takLifetime;
    private final Map<String, WorkingKey> workingKeys = new ConcurrentHashMap<>();
    private final Map<String, CardCrypto.MacKey> signOnKeys = new ConcurrentHashMap<>();

    public TerminalKeyService(JdbcClient jdbc, HostKeys keys, Clock clock, CityCardProperties properties) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.clock = clock;
        this.takLifetime = properties.keys().takLifetime();
    }

    /** A terminal's current working key: the TAK with its MAC schedule, when it was issued and whether retired. */
    public static final class WorkingKey {
        private final Algorithm algorithm;
        private final byte[] tak;
        private final CardCrypto.MacKey macKey;
        private final String checkValue;
        private final Instant issuedAt;

        WorkingKey(Algorithm algorithm, byte[] tak, Instant issuedAt) {
            CardCrypto crypto = CardCrypto.of(algorithm);
            this.algorithm = algorithm;
            this.tak = tak.clone();
            this.macKey = crypto.prepareMacKey(tak);
            this.checkValue = crypto.checkValue(tak);
            this.issuedAt = issuedAt;
        }

        /** The MAC schedule of the TAK, in its algorithm. */
        public CardCrypto.MacKey macKey() {
            return macKey;
        }

        /** The algorithm of the TAK (the terminal's TMK's): for the REST MACs of {@link #tak()}. */
        public Algorithm algorithm() {
            return algorithm;
        }

        /** The TAK for the REST MAC (TerminalRequestMac); never shown. */
        public byte[] tak() {
            return tak.clone();
        }

        public String checkValue() {
            return checkValue;
        }

        public Instant issuedAt() {
            return issuedAt;
        }

        @Override
        public String toString() {
            return "WorkingKey[kcv " + checkValue + ", issued " + issuedAt + "]";
        }
    }

    /** What a MAC check under a terminal's working key found. */
    public enum Outcome {
        /** The MAC verifies under the current TAK. */
        VALID,
        /** The MAC verifies, but under a TAK past its lifetime: answer "sign on again", MACed with it. */
        RETIRED,
        /** The terminal holds no working key the server knows: answer "sign on again", unauthenticated. */
        NO_KEY,
        /** The MAC does not verify. */
        INVALID
    }

    public record Verdict(Outcome outcome, WorkingKey key) {}

    /** {@link #makeTerminalKey(String, Algorithm)} of a 3DES TMK. */
    @Transactional
    public TerminalKey makeTerminalKey(String terminalId) {
        return makeTerminalKey(terminalId, Algorithm.TDES);
    }

    /**
     * Makes a new random TMK of the algorithm (00 3DES, 04 SM4) for a registered terminal, keeps it under the LMK
     * with its algorithm and drops the terminal's working key (it must sign on with the new TMK). The caller writes
     * the returned key into the terminal's key store.
     */
    @Transactional
    public TerminalKey makeTerminalKey(String terminalId, Algorithm algorithm) {
        TerminalKey key = TerminalKey.random(terminalId, algorithm);
        byte[] tmk = key.tmk();
        Timestamp now = Timestamp.from(clock.instant());
        String sealed = Hex.of(keys.seal(tmk));
        String alg = algorithm.code();
        int updated = jdbc.sql("UPDATE terminal_key SET tmk_under_lmk = ?, tmk_check_value = ?, algorithm = ?,"
                        + " tak_under_lmk = NULL, tak_check_value = NULL, tak_issued_at = NULL, updated_at = ?"
                        + " WHERE terminal_id = ?")
                .params(sealed, key.checkValue(), alg, now, terminalId)
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO terminal_key (terminal_id, tmk_under_lmk, tmk_check_value, algorithm, created_at,"
                            + " updated_at) VALUES (?, ?, ?, ?, ?, ?)")
                    .params(terminalId, sealed, key.checkValue(), alg, now, now)
                    .update();
        }
        Arrays.fill(tmk, (byte) 0);
        signOnKeys.remove(terminalId);
        workingKeys.remove(terminalId);
        log.info(
                "terminal {}: new {} terminal master key, check value {}",
                terminalId,
                algorithm.label(),
                key.checkValue());
        return key;
    }

    /**
     * Whether the sign-on MAC (SOK of the terminal's TMK) verifies; the TMK is read again once when it does not
     * (a new TMK made on another instance).
     */
    public boolean signOnVerifies(String terminalId, Predicate<CardCrypto.MacKey> verifies) {
        CardCrypto.MacKey cached = signOnKeys.get(terminalId);
        if (cached != null && verifies.test(cached)) {
            return true;
        }
        Optional<CardCrypto.MacKey> fresh = loadSignOnKey(terminalId);
        fresh.ifPresentOrElse(k -> signOnKeys.put(terminalId, k), () -> signOnKeys.remove(terminalId));
        return fresh.isPresent() && verifies.test(fresh.get());
    }

    /** The MAC key of a sign-on answer: the SOK the request verified under. */
    public Optional<CardCrypto.MacKey> signOnKey(String terminalId) {
        CardCrypto.MacKey k = signOnKeys.get(terminalId);
        return k != null ? Optional.of(k) : loadSignOnKey(terminalId);
    }

    private Optional<CardCrypto.MacKey> loadSignOnKey(String terminalId) {
        return terminalKey(terminalId).map(k -> {
            byte[] sok = k.signOnKey();
            try {
                return k.crypto().prepareMacKey(sok);
            } finally {
                Arrays.fill(sok, (byte) 0);
            }
        });
    }

    /** The terminal's TMK: its own, or under the demo key set its demo TMK (3DES). */
    private Optional<TerminalKey> terminalKey(String terminalId) {
        record Sealed(String tmk, String algorithm) {}
        Optional<Sealed> sealed = jdbc.sql("SELECT tmk_under_lmk, algorithm FROM terminal_key WHERE terminal_id = ?"
                        + " AND tmk_under_lmk IS NOT NULL")
                .param(terminalId)
                .query((rs, n) -> new Sealed(rs.getString(1), rs.getString(2)))
                .optional();
        if (sealed.isPresent()) {
            byte[] tmk = keys.open(Hex.parse("tmk_under_lmk", sealed.get().tmk()));
            try {
                return Optional.of(TerminalKey.of(
                        terminalId, tmk, CardAlgorithms.parse(sealed.get().algorithm())));
            } finally {
                Arrays.fill(tmk, (byte) 0);
            }
        }
        return keys.isDemo() ? Optional.of(TerminalKey.demo(terminalId)) : Optional.empty();
    }

    /**
     * A fresh TAK for a terminal that has just signed on: kept under the LMK (replacing the last one) and returned
     * encrypted under the terminal's TMK with its check value, for field 48 of the 0810.
     *
     * @throws IllegalStateException when the terminal has no TMK (it could not have signed on)
     */
    @Transactional
    public WorkingKeyBlock issueWorkingKey(String terminalId) {
        TerminalKey tmkKey = terminalKey(terminalId)
                .orElseThrow(() -> new IllegalStateException("terminal " + terminalId + " has no terminal master key"));
        byte[] tak = new byte[16];
        RANDOM.nextBytes(tak);
        byte[] tmk = tmkKey.tmk();
        Algorithm algorithm = tmkKey.algorithm();
        try {
            Instant now = clock.instant();
            Timestamp ts = Timestamp.from(now);
            String sealed = Hex.of(keys.seal(tak));
            String kcv = tmkKey.crypto().checkValue(tak);
            int updated = jdbc.sql("UPDATE terminal_key SET tak_under_lmk = ?, tak_check_value = ?, tak_issued_at = ?,"
                            + " updated_at = ? WHERE terminal_id = ?")
                    .params(sealed, kcv, ts, ts, terminalId)
                    .update();
            if (updated == 0) {
                jdbc.sql("INSERT INTO terminal_key (terminal_id, tak_under_lmk, tak_check_value, tak_issued_at,"
                                + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)")
                        .params(terminalId, sealed, kcv, ts, ts, ts)
                        .update();
            }
            workingKeys.put(terminalId, new WorkingKey(algorithm, tak, now));
            return WorkingKeyBlock.seal(algorithm, tmk, tak);
        } finally {
            Arrays.fill(tak, (byte) 0);
            Arrays.fill(tmk, (byte) 0);
        }
    }

    /**
     * Checks a MAC under the terminal's working key: the cached one, then (when it does not verify or none is
     * cached) the one in the database, since another instance may have signed the terminal on.
     */
    public Verdict verify(String terminalId, Predicate<WorkingKey> verifies) {
        WorkingKey cached = workingKeys.get(terminalId);
        if (cached != null && verifies.test(cached)) {
            return verdict(cached);
        }
        Optional<WorkingKey> stored = loadWorkingKey(terminalId);
        if (stored.isEmpty()) {
            workingKeys.remove(terminalId);
            return new Verdict(Outcome.NO_KEY, null);
        }
        WorkingKey fresh = stored.get();
        workingKeys.put(terminalId, fresh);
        if (cached != null && cached.checkValue.equals(fresh.checkValue)) {
            return new Verdict(Outcome.INVALID, null);
        }
        return verifies.test(fresh) ? verdict(fresh) : new Verdict(Outcome.INVALID, null);
    }

    /** The terminal's current working key (for MACing what the server sends it unasked), if it has one. */
    public Optional<WorkingKey> currentWorkingKey(String terminalId) {
        WorkingKey k = workingKeys.get(terminalId);
        if (k != null) {
            return Optional.of(k);
        }
        Optional<WorkingKey> stored = loadWorkingKey(terminalId);
        stored.ifPresent(w -> workingKeys.put(terminalId, w));
        return stored;
    }

    private Verdict verdict(WorkingKey k) {
        boolean retired = k.issuedAt.plus(takLifetime).isBefore(clock.instant());
        return new Verdict(retired ? Outcome.RETIRED : Outcome.VALID, k);
    }

    private Optional<WorkingKey> loadWorkingKey(String terminalId) {
        return jdbc.sql("SELECT tak_under_lmk, tak_issued_at, algorithm FROM terminal_key WHERE terminal_id = ?"
                        + " AND tak_under_lmk IS NOT NULL")
                .param(terminalId)
                .query((rs, n) -> {
                    byte[] tak = keys.open(Hex.parse("tak_under_lmk", rs.getString(1)));
                    try {
                        return new WorkingKey(
                                CardAlgorithms.parse(rs.getString(3)),
                                tak,
                                rs.getTimestamp(2).toInstant());
                    } finally {
                        Arrays.fill(tak, (byte) 0);
                    }
                })
                .optional();
    }

    /** How long a TAK serves before the terminal must sign on again. */
    public Duration takLifetime() {
        return takLifetime;
    }
}
