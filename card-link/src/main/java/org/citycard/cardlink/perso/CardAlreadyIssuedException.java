package org.citycard.cardlink.perso;

/** The card in the reader is already issued as another card: it must not be personalised again. */
public final class CardAlreadyIssuedException extends RuntimeException {
    public CardAlreadyIssuedException(String message) {
        super(message);
    }
}
