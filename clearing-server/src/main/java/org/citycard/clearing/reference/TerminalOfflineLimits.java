package org.citycard.clearing.reference;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.citycard.clearing.support.Checks;
import org.citycard.dictionary.Dictionary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The offline limits of one terminal, an administrator's setting (table terminal_offline_limit, V3_34): the
 * per-purchase and per-day offline amounts served in that terminal's parameters ({@code offlinePurchaseLimit},
 * {@code offlineDailyLimit}) instead of the dictionary's defaults. A change bumps the parameter version, so every
 * terminal fetches its parameters again at its next sign-on or echo; who changed what is kept with the row and
 * logged.
 *
 * <p>Rules: a per-purchase limit of 1 fen up to the purse's maximum balance ({@code max_balance}: no card holds
 * more); a per-day limit at least the per-purchase one in force and at most ten full cards
 * ({@code 10 × max_balance}).
 */
@Service
public class TerminalOfflineLimits {
    private static final System.Logger LOG = System.getLogger(TerminalOfflineLimits.class.getName());
    private static final Dictionary DICT = Dictionary.standard();
    public static final long DEFAULT_PURCHASE =
            DICT.parameter("offline_purchase_limit").asLong();
    public static final long DEFAULT_DAILY =
            DICT.parameter("offline_daily_limit").asLong();
    public static final long MAX_PURCHASE = DICT.parameter("max_balance").asLong();
    public static final long MAX_DAILY = 10 * MAX_PURCHASE;

    private final JdbcClient jdbc;
    private final ReferenceService reference;
    private final HotlistRepository versions;
    private final Clock clock;

    TerminalOfflineLimits(JdbcClient jdbc, ReferenceService reference, HotlistRepository versions, Clock clock) {
        this.jdbc = jdbc;
        this.reference = reference;
        this.versions = versions;
        this.clock = clock;
    }

    /**
     * A terminal's limits.
     *
     * @param purchaseLimit the setting, null when the default applies
     * @param dailyLimit the setting, null when the default applies
     * @param effectivePurchaseLimit what the terminal is served, fen
     * @param effectiveDailyLimit what the terminal is served, fen
     * @param changedBy the administrator of the last change, null when never set
     */
    public record Limits(
            String terminalId,
            Long purchaseLimit,
            Long dailyLimit,
            long effectivePurchaseLimit,
            long effectiveDailyLimit,
            String changedBy,
            Instant changedAt) {}

    /** The limits of a registered terminal (404 when it is not registered). */
    public Limits of(String terminalId) {
        reference.terminal(terminalId);
        return row(terminalId).orElseGet(() -> limits(terminalId, null, null, null, null));
    }

    private static Limits limits(String id, Long p, Long d, String by, Instant at) {
        return new Limits(id, p, d, p == null ? DEFAULT_PURCHASE : p, d == null ? DEFAULT_DAILY : d, by, at);
    }

    private Optional<Limits> row(String terminalId) {
        return jdbc.sql("SELECT purchase_limit, daily_limit, changed_by, changed_at FROM terminal_offline_limit"
                        + " WHERE terminal_id = ?")
                .param(terminalId)
                .query((rs, n) -> limits(
                        terminalId,
                        rs.getObject(1, Long.class),
                        rs.getObject(2, Long.class),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant()))
                .optional();
    }

    /**
     * Sets a terminal's limits; a null value takes the dictionary's default again (both null: the row is removed).
     *
     * @throws org.citycard.dictionary.validate.ValidationException a limit out of its range, naming the field, the
     *     value and the rule; nothing is changed
     */
    @Transactional
    public Limits set(String terminalId, Long purchaseLimit, Long dailyLimit, String admin) {
        reference.terminal(terminalId);
        Checks.require(
                purchaseLimit == null || (purchaseLimit >= 1 && purchaseLimit <= MAX_PURCHASE),
                "purchaseLimit",
                purchaseLimit,
                "fen, 1.." + MAX_PURCHASE + " (the purse's maximum balance), or null for the default "
                        + DEFAULT_PURCHASE);
        long purchase = purchaseLimit == null ? DEFAULT_PURCHASE : purchaseLimit;
        Checks.require(
                dailyLimit == null || (dailyLimit >= purchase && dailyLimit <= MAX_DAILY),
                "dailyLimit",
                dailyLimit,
                "fen, at least the per-purchase limit " + purchase + " and at most " + MAX_DAILY
                        + ", or null for the default " + DEFAULT_DAILY);
        Checks.require(
                dailyLimit != null || DEFAULT_DAILY >= purchase,
                "purchaseLimit",
                purchaseLimit,
                "above the default per-day limit " + DEFAULT_DAILY + ": give a dailyLimit too");
        Instant now = clock.instant();
        jdbc.sql("DELETE FROM terminal_offline_limit WHERE terminal_id = ?")
                .param(terminalId)
                .update();
        if (purchaseLimit != null || dailyLimit != null) {
            jdbc.sql("INSERT INTO terminal_offline_limit (terminal_id, purchase_limit, daily_limit, changed_by,"
                            + " changed_at) VALUES (?, ?, ?, ?, ?)")
                    .params(terminalId, purchaseLimit, dailyLimit, admin, Timestamp.from(now))
                    .update();
        }
        versions.nextVersion(HotlistService.PARAMETERS); // the terminal fetches its parameters again
        LOG.log(
                System.Logger.Level.INFO,
                "offline limits of terminal {0} set by {1}: per purchase {2}, per day {3} (fen; null = default)",
                terminalId,
                admin,
                purchaseLimit,
                dailyLimit);
        return purchaseLimit == null && dailyLimit == null
                ? limits(terminalId, null, null, null, null)
                : limits(terminalId, purchaseLimit, dailyLimit, admin, now);
    }
}
