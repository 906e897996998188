package org.citycard.dictionary.wire;

import java.util.Optional;

/**
 * Why a record or a load completion was kept out of the ledger. Codes (Q1…, QA…) come from the dictionary's
 * quarantine-reason table by name.
 */
public enum QuarantineReason {
    TAC_INVALID,
    DUPLICATE,
    COUNTER_GAP,
    BALANCE_CHAIN,
    HOTLISTED,
    UNKNOWN_CARD,
    UNKNOWN_TERMINAL,
    MALFORMED,
    UNKNOWN_DEPARTMENT,
    /** The record names another terminal than the one that uploaded it. */
    OTHER_TERMINAL,
    /** The record's department is not its terminal's (and the terminal's department collects for no other). */
    DEPARTMENT_MISMATCH,
    /** The card's key version is retired at the server (issue 22): the card must be re-keyed at a counter. */
    KEY_VERSION_RETIRED;

    private final String code;

    QuarantineReason() {
        this.code = WireCodes.codeOf("quarantine-reason", name());
    }

    public String code() {
        return code;
    }

    /** True for reasons that may clear by themselves when the card's chain moves on (a missing record arrives). */
    public boolean isHeld() {
        return this == COUNTER_GAP || this == BALANCE_CHAIN;
    }

    public static Optional<QuarantineReason> of(String code) {
        for (QuarantineReason r : values()) {
            if (r.code.equals(code)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
