package org.citycard.agent.upload;

import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter, capped; reset after a success. Never gives up: records are never dropped. */
public final class Backoff {
    private final long initialMs;
    private final long maxMs;
    private long current;

    public Backoff(long initialMs, long maxMs) {
        this.initialMs = initialMs;
        this.maxMs = maxMs;
        this.current = initialMs;
    }

    /** The next wait, then doubles the one after (up to the cap). */
    public long nextDelayMs() {
        long d = current;
        current = Math.min(maxMs, current * 2);
        return d / 2 + ThreadLocalRandom.current().nextLong(d / 2 + 1);
    }

    public void reset() {
        current = initialMs;
    }
}
