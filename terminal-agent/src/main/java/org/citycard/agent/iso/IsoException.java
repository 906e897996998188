package org.citycard.agent.iso;

import java.io.IOException;

/**
 * An ISO 8583 exchange failed. {@link Kind#NO_ANSWER} and {@link Kind#UNREACHABLE} leave the outcome at the host
 * unknown (the request may have arrived); {@link Kind#REJECTED} means the host answered that it could not
 * authenticate or parse the request.
 */
public class IsoException extends IOException {
    public enum Kind {
        UNREACHABLE,
        NO_ANSWER,
        BAD_ANSWER,
        REJECTED,
        /** The host did not take the request and asks the terminal to sign on again (A0, or 63 with a zero MAC). */
        SIGN_ON_AGAIN
    }

    private final Kind kind;

    public IsoException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public IsoException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** True when the request may have reached the host (its effect must be proven or reversed). */
    public boolean outcomeUnknown() {
        return kind == Kind.NO_ANSWER;
    }
}
