package org.citycard.cardlink;

/**
 * Counts the APDUs sent through a transport and the time spent waiting for the card, so that the host's own time
 * (key derivation, building commands, checking answers) can be told apart from the card's (DESIGN §7).
 */
public final class TimedTransport implements ApduTransport {
    private final ApduTransport inner;
    private long apdus;
    private long nanos;

    public TimedTransport(ApduTransport inner) {
        this.inner = inner;
    }

    @Override
    public byte[] transmit(byte[] command) {
        long t0 = System.nanoTime();
        try {
            return inner.transmit(command);
        } finally {
            nanos += System.nanoTime() - t0;
            apdus++;
        }
    }

    public long apdus() {
        return apdus;
    }

    /** Time spent inside the inner transport. */
    public long cardNanos() {
        return nanos;
    }
}
