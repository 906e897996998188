package org.citycard.issuance.staff;

/** A member of staff tried something their roles do not allow, or could not be authenticated. */
public final class AccessDeniedException extends RuntimeException {
    public AccessDeniedException(String message) {
        super(message);
    }
}
