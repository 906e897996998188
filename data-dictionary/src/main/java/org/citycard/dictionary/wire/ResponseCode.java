package org.citycard.dictionary.wire;

/**
 * ISO 8583 field 39 answers. The constants are names; the two-character codes come from the dictionary's
 * response-code table (attribute {@code name}), never typed here.
 */
public enum ResponseCode {
    APPROVED,
    DECLINED,
    INVALID_TRANSACTION,
    INVALID_CARD,
    NO_ORIGINAL,
    FORMAT_ERROR,
    LOST_CARD,
    EXPIRED_CARD,
    NOT_PERMITTED_TO_TERMINAL,
    ABOVE_LIMIT,
    SECURITY_VIOLATION,
    DUPLICATE,
    RECONCILIATION_MISMATCH,
    SYSTEM_ERROR,
    UNKNOWN_TERMINAL,
    SIGN_ON_AGAIN,
    /** The card's key version is retired at the server (issue 22): re-key the card at a counter. */
    KEY_VERSION_RETIRED;

    private final String code;

    ResponseCode() {
        this.code = WireCodes.codeOf("response-code", name());
    }

    /** The two characters of field 39. */
    public String code() {
        return code;
    }

    /** The constant of a field 39 value, if the dictionary names it. */
    public static java.util.Optional<ResponseCode> of(String code) {
        for (ResponseCode r : values()) {
            if (r.code.equals(code)) {
                return java.util.Optional.of(r);
            }
        }
        return java.util.Optional.empty();
    }
}
