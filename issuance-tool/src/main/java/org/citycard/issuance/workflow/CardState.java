package org.citycard.issuance.workflow;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.citycard.dictionary.Code;
import org.citycard.dictionary.CodeTable;
import org.citycard.dictionary.Dictionary;

/**
 * The states of a card at the issuer (DESIGN §3.6). Only the names are written here; the codes, the Chinese and
 * English labels and the allowed transitions ({@code next}) come from the dictionary's {@code card-state} table,
 * which must name exactly these states (checked when the class loads).
 */
public enum CardState {
    APPLIED,
    VERIFIED,
    IN_PRODUCTION,
    PERSONALISED,
    DISTRIBUTED,
    ACTIVE,
    LOST,
    REPLACED,
    CANCELLED,
    EXPIRED,
    REJECTED;

    private static final Map<CardState, Code> CODES = load();

    private static Map<CardState, Code> load() {
        CodeTable table = Dictionary.standard().codeTable("card-state");
        Map<CardState, Code> map = Arrays.stream(values()).collect(Collectors.toMap(s -> s, s -> table.byName(s.name())
                .orElseThrow(() -> new IllegalStateException(
                        "the dictionary's card-state table has no state named " + s.name()))));
        if (table.codes().size() != values().length) {
            throw new IllegalStateException("the dictionary's card-state table has "
                    + table.codes().size() + " states, the issuance tool knows " + values().length);
        }
        return map;
    }

    /** The two-digit code stored in the database and sent to the server (element card_state). */
    public String code() {
        return CODES.get(this).code();
    }

    public String zh() {
        return CODES.get(this).zh();
    }

    public String en() {
        return CODES.get(this).en();
    }

    /** The states this one may move to, from the dictionary. */
    public Set<CardState> next() {
        Set<CardState> out = EnumSet.noneOf(CardState.class);
        for (String code : CODES.get(this).next()) {
            out.add(ofCode(code));
        }
        return out;
    }

    public boolean mayMoveTo(CardState to) {
        return next().contains(to);
    }

    /** A state with no way out (replaced, cancelled, rejected). */
    public boolean isFinal() {
        return next().isEmpty();
    }

    /** States in which the card counts as the person's card in use (one per person). */
    public boolean holdsCard() {
        return this == VERIFIED
                || this == IN_PRODUCTION
                || this == PERSONALISED
                || this == DISTRIBUTED
                || this == ACTIVE;
    }

    public static CardState ofCode(String code) {
        return Arrays.stream(values())
                .filter(s -> s.code().equals(code.strip()))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalArgumentException("card state code '" + code + "' is not in the dictionary"));
    }

    /** Parses a name (ACTIVE) or a code (60). */
    public static CardState parse(String text) {
        String t = text.strip();
        if (t.matches("\\d{2}")) {
            return ofCode(t);
        }
        return valueOf(t.toUpperCase(java.util.Locale.ROOT));
    }

    /** "60 正常 Active". */
    public String label() {
        return code() + " " + zh() + " " + en();
    }
}
