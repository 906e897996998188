package org.citycard.applet.sim;

import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CommandAPDU;

/**
 * The one thing personalisation needs from a card: send a command APDU, get the response APDU (data ‖ SW1 SW2).
 * A {@link SimulatedCard} is one; {@link #of(CardChannel)} adapts any {@code javax.smartcardio} channel.
 */
@FunctionalInterface
public interface ApduTransport extends org.citycard.cardlink.ApduTransport {
    /**
     * @throws CardTransportException when the card cannot be reached (removed, reader gone)
     */
    @Override
    byte[] transmit(byte[] command);

    /** A transport over a PC/SC (or simulated) card channel. */
    static ApduTransport of(CardChannel channel) {
        return command -> {
            try {
                return channel.transmit(new CommandAPDU(command)).getBytes();
            } catch (CardException e) {
                throw new CardTransportException("the card did not answer: " + e.getMessage(), e);
            }
        };
    }

    /** The card could not be reached. */
    final class CardTransportException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public CardTransportException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
