package org.citycard.issuance.perso;

/** The card left the reader or lost power in the middle of a command (a torn card). */
public final class CardGoneException extends RuntimeException {
    public CardGoneException(String message, Throwable cause) {
        super(message, cause);
    }
}
