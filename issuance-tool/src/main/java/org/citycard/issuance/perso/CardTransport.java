package org.citycard.issuance.perso;

/**
 * The one way the issuance tool talks to a card (apdu4j style): a command APDU in, the response data followed by
 * SW1 SW2 out. PC/SC readers and the simulator both come behind it ({@code perso.pcsc}); tracing and timing are
 * wrappers around it.
 */
@FunctionalInterface
public interface CardTransport {
    /**
     * Sends one command APDU.
     *
     * @throws CardGoneException when the card left the reader or lost power during the command
     */
    byte[] transmit(byte[] command);
}
