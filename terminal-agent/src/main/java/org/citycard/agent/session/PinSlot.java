package org.citycard.agent.session;

import java.util.Arrays;

/**
 * Where the PIN typed on the pad meets the query that asked for it. A PIN is taken only while a query waits for
 * one (between its prompt and the PIN it takes): a PIN typed at any other time is refused and wiped, never kept for
 * the next card, where it would cost that card's holder a try. One PIN at a time: a second one typed while the
 * first waits to be used (a double press) is refused too.
 */
final class PinSlot {
    private static final char[] CANCELLED = new char[0];
    private boolean open;
    private char[] pin;

    /** The query shows its prompt: PINs are taken from now until it takes one or the tap ends. */
    synchronized void open() {
        open = true;
        wipe();
    }

    /** The tap is over (or its query took its PIN): nothing more is taken. */
    synchronized void close() {
        open = false;
        wipe();
    }

    /** A PIN from the pad; false (and wiped) when no query waits for one. */
    synchronized boolean offer(char[] typed) {
        if (!open || pin != null) {
            Arrays.fill(typed, '\0');
            return false;
        }
        pin = typed;
        notifyAll();
        return true;
    }

    /** The citizen gave up at the pad; false when no query waits for a PIN. */
    synchronized boolean cancel() {
        if (!open) {
            return false;
        }
        wipe();
        pin = CANCELLED;
        notifyAll();
        return true;
    }

    synchronized boolean waiting() {
        return open && pin == null;
    }

    /**
     * Waits up to {@code ms} for the PIN: the PIN (the caller wipes it), an empty array when the citizen cancelled,
     * null when the time is up (the slot stays open). A PIN or a cancel closes the slot until the query opens it again.
     */
    synchronized char[] take(long ms) throws InterruptedException {
        long deadline = System.nanoTime() + ms * 1_000_000;
        while (pin == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        char[] p = pin;
        pin = null;
        open = false;
        return p;
    }

    private void wipe() {
        if (pin != null && pin != CANCELLED) {
            Arrays.fill(pin, '\0');
        }
        pin = null;
    }
}
