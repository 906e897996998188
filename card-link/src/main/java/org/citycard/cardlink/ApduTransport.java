package org.citycard.cardlink;

/**
 * The card transport: one command APDU in, the response APDU (data and status word) out. Logging, tracing and
 * timing are wrappers around it; the PC/SC implementation (simulated readers included) lives in {@code cardlink.pcsc}; a simulated card
 * (card-os-applets) is one itself.
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
