package org.citycard.agent.purse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.citycard.dictionary.Code;
import org.citycard.dictionary.Dictionary;

/**
 * The fare of a concession card (老年卡, 学生卡, 残疾人卡 …), offline: the card type and review date come from the
 * purse's FCI (SFI 15 card_concession, no extra APDU), the rules of each card type from the terminal parameters
 * ({@code fareRules}, served by the clearing server) or, for a card type they do not name, the dictionary's card-type
 * table. A concession applies to purchases paid to a department of one of the rule's categories (the parameters'
 * {@code departments} list tells a department's category), within its hours, and — for a card type that needs the
 * yearly review — while the card's review date has not passed; then the card's free rides of the day come first
 * (counted in the agent journal), then the discount. Anything else pays the full fare, with the reason on the
 * receipt.
 *
 * <p>Money in whole fen, integer arithmetic: the concession fare is {@code (full × (1000 − discount‰) + 500) / 1000},
 * rounded half up; a result of 0 fen is a free ride.
 */
public final class FareRules {
    /** The terminal parameters' keys. */
    public static final String P_FARE_RULES = "fareRules";

    public static final String P_DEPARTMENTS = "departments";
    /** The citizen messages of a fare (table citizen-message). */
    public static final String CONCESSION = "CONC";

    public static final String FREE_RIDE = "FREE";
    public static final String REVIEW_LAPSED = "RVEX";
    public static final String OUTSIDE_HOURS = "CHRS";

    private static final Dictionary DICT = Dictionary.standard();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Rule> rules;

    private FareRules(Map<String, Rule> rules) {
        this.rules = Map.copyOf(rules);
    }

    /**
     * The fare rules of one card type.
     *
     * @param discountPermille the part of the full fare taken off, 0..1000 per mille
     * @param freeRidesPerDay rides a day at no charge, 0..99
     * @param hours HHMM-HHMM ranges (start included, end excluded, up to 2400), comma separated
     * @param review true when the concession needs a review date that has not passed
     * @param categories the department categories (two digits) whose purchases get the concession
     */
    public record Rule(
            String cardType,
            int discountPermille,
            int freeRidesPerDay,
            String hours,
            boolean review,
            Set<String> categories) {
        public Rule {
            if (discountPermille < 0 || discountPermille > 1000) {
                throw new IllegalArgumentException("fare rule of card type " + cardType + ": discountPermille "
                        + discountPermille + " must be 0..1000 (per mille of the full fare)");
            }
            if (freeRidesPerDay < 0 || freeRidesPerDay > 99) {
                throw new IllegalArgumentException("fare rule of card type " + cardType + ": freeRidesPerDay "
                        + freeRidesPerDay + " must be 0..99");
            }
            ranges(cardType, hours);
            categories = Set.copyOf(categories);
        }

        /** True when the concession applies at this time of day (hhmmss). */
        public boolean inHours(String time) {
            int hhmm = Integer.parseInt(time.substring(0, 4));
            for (int[] r : ranges(cardType, hours)) {
                if (hhmm >= r[0] && hhmm < r[1]) {
                    return true;
                }
            }
            return false;
        }

        /** True when this card type pays anything but the full fare. */
        public boolean concession() {
            return discountPermille > 0 || freeRidesPerDay > 0;
        }
    }

    private static List<int[]> ranges(String cardType, String hours) {
        List<int[]> out = new ArrayList<>();
        if (hours == null || hours.isBlank()) {
            throw new IllegalArgumentException("fare rule of card type " + cardType
                    + ": hours are missing; give HHMM-HHMM ranges, e.g. 0900-1700 or 0000-2400");
        }
        for (String part : hours.split(",")) {
            String p = part.trim();
            if (!p.matches("\\d{4}-\\d{4}")) {
                throw new IllegalArgumentException("fare rule of card type " + cardType + ": hours '" + hours
                        + "' must be HHMM-HHMM ranges, comma separated (e.g. 0700-0900,1600-1900)");
            }
            int from = Integer.parseInt(p.substring(0, 4));
            int to = Integer.parseInt(p.substring(5));
            if (!clock(from) || !clock(to) || from >= to) {
                throw new IllegalArgumentException("fare rule of card type " + cardType + ": hours range '" + p
                        + "' must run from an earlier to a later time of day, 0000 to 2400");
            }
            out.add(new int[] {from, to});
        }
        return out;
    }

    private static boolean clock(int hhmm) {
        return hhmm == 2400 || (hhmm / 100 < 24 && hhmm % 100 < 60);
    }

    /**
     * The fare of one purchase.
     *
     * @param charged what the card is debited, fen (0: a free ride, nothing debited)
     * @param discounted the concession fare before free rides (the full fare when no concession applies)
     * @param reason the citizen-message code the receipt shows, null for a card that pays the full fare by its type
     */
    public record Fare(long fullFare, long charged, long discounted, String reason) {
        public boolean freeRide() {
            return charged == 0;
        }

        /** The citizen message of the reason, or null. */
        public Code message() {
            return reason == null ? null : OfflineRules.message(reason);
        }
    }

    /** The dictionary's rules (card-type table attrs). */
    public static FareRules defaults() {
        return DEFAULTS;
    }

    /** The dictionary's rules, read once (the table does not change while the agent runs). */
    private static final FareRules DEFAULTS = readDefaults();

    /**
     * The rules of the last {@code fareRules} text read: a tap asks for them every time, and the text changes only
     * with the parameters' version (rules are immutable, so one read serves every tap until then).
     */
    private record Read(String text, FareRules rules) {}

    private static volatile Read last = new Read(null, null);

    private static FareRules readDefaults() {
        Map<String, Rule> m = new LinkedHashMap<>();
        for (Code c : DICT.codeTable("card-type").codes()) {
            m.put(
                    c.code(),
                    new Rule(
                            c.code(),
                            Integer.parseInt(attr(c, "discountPermille", "0")),
                            Integer.parseInt(attr(c, "freeRidesPerDay", "0")),
                            attr(c, "hours", "0000-2400"),
                            Boolean.parseBoolean(attr(c, "review", "false")),
                            Set.of(attr(c, "categories", "01").trim().split("\\s+"))));
        }
        return new FareRules(m);
    }

    private static String attr(Code c, String name, String dflt) {
        String v = c.attr(name);
        return v == null ? dflt : v;
    }

    /**
     * The rules of these terminal parameters: the {@code fareRules} list (JSON, as the server serves it:
     * {@code [{cardType, discountPermille, freeRidesPerDay, hours, review, categories}]}) over the dictionary's.
     *
     * @throws IllegalArgumentException a list that is not that JSON or a rule out of range, naming the key, the card
     *     type and the value
     */
    public static FareRules of(Map<String, String> parameters) {
        String text = parameters.get(P_FARE_RULES);
        if (text == null || text.isBlank()) {
            return DEFAULTS;
        }
        Read r = last;
        if (text.equals(r.text())) {
            return r.rules();
        }
        FareRules read = parse(text);
        last = new Read(text, read); // only a text that parsed: a bad one is refused again at every tap
        return read;
    }

    private static FareRules parse(String text) {
        Map<String, Rule> m = new LinkedHashMap<>(DEFAULTS.rules);
        JsonNode list;
        try {
            list = JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("terminal parameter " + P_FARE_RULES + ": not JSON ("
                    + e.getOriginalMessage() + "); expected a list of {cardType, discountPermille, ...}");
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException("terminal parameter " + P_FARE_RULES
                    + ": a list of fare rules is expected, got " + list.getNodeType());
        }
        for (JsonNode n : list) {
            String type = n.path("cardType").asText("");
            if (DICT.codeTable("card-type").find(type).isEmpty()) {
                throw new IllegalArgumentException("terminal parameter " + P_FARE_RULES + ": card type '" + type
                        + "' is not in the dictionary's card-type table");
            }
            Rule base = m.get(type);
            m.put(
                    type,
                    new Rule(
                            type,
                            n.has("discountPermille") ? whole(n, "discountPermille", type) : base.discountPermille(),
                            n.has("freeRidesPerDay") ? whole(n, "freeRidesPerDay", type) : base.freeRidesPerDay(),
                            n.has("hours") ? n.get("hours").asText() : base.hours(),
                            n.has("review") ? n.get("review").asBoolean() : base.review(),
                            n.has("categories")
                                    ? Set.of(n.get("categories").asText().trim().split("[\\s,]+"))
                                    : base.categories()));
        }
        return new FareRules(m);
    }

    private static int whole(JsonNode n, String field, String type) {
        JsonNode v = n.get(field);
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException("terminal parameter " + P_FARE_RULES + ": card type " + type + " "
                    + field + " '" + v.asText() + "' must be a whole number");
        }
        return v.asInt();
    }

    /** The rule of a card type; a type the rules do not know pays the full fare. */
    public Rule rule(String cardType) {
        Rule r = rules.get(cardType);
        return r != null ? r : new Rule(cardType, 0, 0, "0000-2400", false, Set.of());
    }

    /** {@code (full × (1000 − discount‰) + 500) / 1000}: the concession fare in whole fen, rounded half up. */
    public static long discounted(long fullFare, int discountPermille) {
        return (Math.multiplyExact(fullFare, 1000L - discountPermille) + 500) / 1000;
    }

    /**
     * The fare of a purchase of {@code fullFare} fen by this card, paid to a department of {@code category} (null:
     * unknown, no concession), today (YYYYMMDD) at {@code time} (hhmmss), the card having taken
     * {@code freeRidesToday} free rides today.
     */
    public Fare fare(PurseCard card, long fullFare, String category, String today, String time, int freeRidesToday) {
        Rule r = rule(card.cardType());
        if (!r.concession() || category == null || !r.categories().contains(category)) {
            return new Fare(fullFare, fullFare, fullFare, null);
        }
        long concession = discounted(fullFare, r.discountPermille());
        if (r.review() && (card.reviewDate() == null || today.compareTo(card.reviewDate()) > 0)) {
            return new Fare(fullFare, fullFare, concession, REVIEW_LAPSED);
        }
        if (!r.inHours(time)) {
            return new Fare(fullFare, fullFare, concession, OUTSIDE_HOURS);
        }
        if (freeRidesToday < r.freeRidesPerDay() || concession == 0) {
            return new Fare(fullFare, 0, concession, FREE_RIDE);
        }
        return new Fare(fullFare, concession, concession, concession == fullFare ? null : CONCESSION);
    }

    /**
     * The category (two digits) of a department, from the parameters' {@code departments} list ({@code [{code,
     * category, zh, en}]}); null when the list does not name it.
     */
    public static String categoryOf(Map<String, String> parameters, String department) {
        String text = parameters.get(P_DEPARTMENTS);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            for (JsonNode d : JSON.readTree(text)) {
                if (department.equals(d.path("code").asText())) {
                    String c = d.path("category").asText("");
                    return c.isEmpty() ? null : c;
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("terminal parameter " + P_DEPARTMENTS + ": not JSON ("
                    + e.getOriginalMessage() + "); expected a list of {code, category, zh, en}");
        }
        return null;
    }
}
