package org.citycard.cardlink;

/**
 * The card's answer did not arrive: the card left the field, the reader was unplugged or the link failed. The
 * command may or may not have taken effect; money flows prove the outcome with GET TRANSACTION PROVE.
 */
public class CardLostException extends RuntimeException {
    public CardLostException(String message, Throwable cause) {
        super(message, cause);
    }

    public CardLostException(String message) {
        super(message);
    }
}
