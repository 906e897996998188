package org.citycard.issuance.perso;

import org.citycard.cardlink.CardConnection;

/**
 * Where the cards of a production run come from: an operator putting cards into a PC/SC reader, a card printer's
 * encoder, or the simulator. Each card of a batch is asked for with {@link #present} and let go with {@link #done}.
 */
public interface CardSource extends AutoCloseable {
    /**
     * Gives the card for the next card of the batch: the one in the reader when there is one (a card torn by an
     * interruption stays there), else a new blank card.
     *
     * @param what shown to the operator, e.g. "application 1000001, ASN 31000000000000000001"
     */
    CardConnection present(String what);

    /**
     * The card is finished ({@code ok}) and leaves the reader, or failed and stays there to be done again.
     */
    void done(CardConnection connection, boolean ok);

    @Override
    default void close() {}
}
