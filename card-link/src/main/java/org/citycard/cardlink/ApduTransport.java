package org.citycard.cardlink;

/**
 * The card transport: one command APDU in, the response APDU (data and status word) out. Logging, tracing and
 * timing are wrappers around it; the PC/SC and simulator implementations live in {@code agent.reader}.
 */
@FunctionalInterface
public interface ApduTransport {
    /**
     * Sends one command and returns the whole response including the two status bytes.
     *
     * @throws CardLostException when the answer did not arrive (card removed, reader gone): the outcome of the
     *     command is unknown and must be proven, never assumed
     */
    byte[] transmit(byte[] command);
}
