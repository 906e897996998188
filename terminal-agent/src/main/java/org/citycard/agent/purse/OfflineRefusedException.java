package org.citycard.agent.purse;

import org.citycard.dictionary.Code;

/**
 * A rule of {@link OfflineRules} refused the purchase before anything was debited or journaled; {@link #code()} is
 * the citizen message (table citizen-message) the receipt screen shows.
 */
public final class OfflineRefusedException extends RuntimeException {
    private final String code;

    public OfflineRefusedException(String code, String detail) {
        super(detail);
        this.code = code;
    }

    /** The citizen-message code. */
    public String code() {
        return code;
    }

    /** The citizen message. */
    public Code message() {
        return OfflineRules.message(code);
    }
}
