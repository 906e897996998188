package org.citycard.agent.purse;

import java.util.Map;
import java.util.Optional;
import org.citycard.agent.journal.Journal;
import org.citycard.dictionary.Code;
import org.citycard.dictionary.Dictionary;

/**
 * What a terminal checks offline before it debits a card, each rule alone so it can be tested alone: the card's
 * dates (SFI 15 start and expiry, read at SELECT), the per-purchase and per-day offline limits of the terminal
 * parameters, and the offline counter's end. A refusal names a code of the dictionary's {@code citizen-message}
 * table; nothing is debited or journaled when a rule refuses.
 *
 * <p>The limits come from the terminal parameters the server serves ({@code offlinePurchaseLimit},
 * {@code offlineDailyLimit}, {@code offlineCounterWarning}, in fen or a count) and fall back to the dictionary's
 * card parameters ({@code offline_purchase_limit}, {@code offline_daily_limit}, {@code offline_counter_warning}).
 */
public final class OfflineRules {
    public static final String NOT_YET_VALID = "NYET";
    public static final String EXPIRED = "EXPD";
    public static final String ABOVE_PURCHASE_LIMIT = "OLIM";
    public static final String ABOVE_DAILY_LIMIT = "ODAY";
    public static final String COUNTER_NEAR_END = "CNTW";
    public static final String COUNTER_AT_END = "CNTE";
    /** A card still on a key version the server retired (its record would be quarantined QK): re-key at a counter. */
    public static final String KEY_VERSION_RETIRED = "KEYR";
    /** The terminal parameter listing the retired key versions (e.g. "[1]"). */
    public static final String P_RETIRED_KEY_VERSIONS = "retiredKeyVersions";
    /** The terminal parameters' keys. */
    public static final String P_PURCHASE_LIMIT = "offlinePurchaseLimit";

    public static final String P_DAILY_LIMIT = "offlineDailyLimit";
    public static final String P_COUNTER_WARNING = "offlineCounterWarning";

    private static final Dictionary DICT = Dictionary.standard();
    /** The counter's end (FFFF): a card there can make no more offline purchases. */
    public static final int COUNTER_END = DICT.parameter("offline_counter_end").asInt();

    private final long purchaseLimit;
    private final long dailyLimit;
    private final int counterWarning;

    public OfflineRules(long purchaseLimit, long dailyLimit, int counterWarning) {
        if (purchaseLimit <= 0 || dailyLimit <= 0) {
            throw new IllegalArgumentException("offline limits " + purchaseLimit + " / " + dailyLimit
                    + " fen: the per-purchase and per-day limits must be positive");
        }
        if (counterWarning < 0 || counterWarning > COUNTER_END) {
            throw new IllegalArgumentException(
                    "offline counter warning " + counterWarning + ": must be 0.." + COUNTER_END);
        }
        this.purchaseLimit = purchaseLimit;
        this.dailyLimit = dailyLimit;
        this.counterWarning = counterWarning;
    }

    /** The dictionary's defaults. */
    public static OfflineRules defaults() {
        return new OfflineRules(
                DICT.parameter("offline_purchase_limit").asLong(),
                DICT.parameter("offline_daily_limit").asLong(),
                DICT.parameter("offline_counter_warning").asInt());
    }

    /**
     * The rules of these terminal parameters (as the agent keeps them: key → text); a key absent takes the
     * dictionary's default.
     *
     * @throws IllegalArgumentException a value that is not a whole number, naming the key and the value
     */
    public static OfflineRules of(Map<String, String> parameters) {
        OfflineRules d = defaults();
        return new OfflineRules(
                number(parameters, P_PURCHASE_LIMIT, d.purchaseLimit),
                number(parameters, P_DAILY_LIMIT, d.dailyLimit),
                (int) number(parameters, P_COUNTER_WARNING, d.counterWarning));
    }

    private static long number(Map<String, String> p, String key, long dflt) {
        String v = p.get(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "terminal parameter " + key + " '" + v + "': must be a whole number (fen or a count)");
        }
    }

    public long purchaseLimit() {
        return purchaseLimit;
    }

    public long dailyLimit() {
        return dailyLimit;
    }

    public int counterWarning() {
        return counterWarning;
    }

    /**
     * The card's key version (its INITIALIZE answer) against the retired versions of the terminal parameters
     * ({@value #P_RETIRED_KEY_VERSIONS}: the numbers in its text, e.g. "[1, 3]"; absent or empty: none retired).
     */
    public static Optional<String> checkKeyVersion(Map<String, String> parameters, int keyVersion) {
        String v = parameters.get(P_RETIRED_KEY_VERSIONS);
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        for (String n : v.split("[^0-9]+")) {
            if (!n.isEmpty() && Integer.parseInt(n) == keyVersion) {
                return Optional.of(KEY_VERSION_RETIRED);
            }
        }
        return Optional.empty();
    }

    /** The card's dates against today (all YYYYMMDD): refused before the start date or after the expiry date. */
    public static Optional<String> checkDates(String startDate, String expiryDate, String today) {
        if (today.compareTo(startDate) < 0) {
            return Optional.of(NOT_YET_VALID);
        }
        if (today.compareTo(expiryDate) > 0) {
            return Optional.of(EXPIRED);
        }
        return Optional.empty();
    }

    /**
     * The amount against the limits: above the per-purchase limit, or taking the card's offline spending at this
     * terminal today ({@code spentToday}) above the per-day limit.
     */
    public Optional<String> checkAmount(long amount, long spentToday) {
        if (amount > purchaseLimit) {
            return Optional.of(ABOVE_PURCHASE_LIMIT);
        }
        if (spentToday + amount > dailyLimit) {
            return Optional.of(ABOVE_DAILY_LIMIT);
        }
        return Optional.empty();
    }

    /** The card's offline counter (as INITIALIZE FOR PURCHASE answers it): refused at its end (FFFF). */
    public static Optional<String> checkCounter(int offlineSeq) {
        return offlineSeq >= COUNTER_END ? Optional.of(COUNTER_AT_END) : Optional.empty();
    }

    /** A warning for the receipt when the counter is at or past the warning value (and not yet at its end). */
    public Optional<String> counterWarning(int offlineSeq) {
        return offlineSeq >= counterWarning ? Optional.of(COUNTER_NEAR_END) : Optional.empty();
    }

    /**
     * What this card spent offline at this terminal on this business day: its purchases journaled with this date,
     * complete or still pending (a pending one may have been debited), not voided. The journal sums them in one
     * query; nothing is read row by row on the tap.
     */
    public static long spentToday(Journal journal, String asn, String terminalId, String today) {
        return journal.amountOf(asn, terminalId, today, TxTypes.PURCHASE, TxTypes.COMPOUND_PURCHASE);
    }

    /** The citizen message of a code (table citizen-message). */
    public static Code message(String code) {
        return DICT.codeTable("citizen-message")
                .find(code)
                .orElseThrow(() -> new IllegalStateException("citizen-message has no code " + code));
    }
}
