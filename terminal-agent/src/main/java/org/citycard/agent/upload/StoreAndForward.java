package org.citycard.agent.upload;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.citycard.agent.iso.IsoException;

/**
 * The background uploader: runs {@link Uploader} passes when nudged (after each money event) and at a steady
 * interval, backing off exponentially while the server is away. It never drops a record: a pass that fails
 * leaves everything journaled for the next.
 */
public final class StoreAndForward implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(StoreAndForward.class.getName());
    private final Uploader uploader;
    private final long intervalMs;
    private final Backoff backoff;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Condition passDone = lock.newCondition();
    private final AtomicLong passes = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean nudged;
    private volatile boolean running = true;
    private volatile String lastError;
    private final Thread thread;

    public StoreAndForward(Uploader uploader, long intervalMs, Backoff backoff) {
        this.uploader = uploader;
        this.intervalMs = intervalMs;
        this.backoff = backoff;
        this.thread = new Thread(this::loop, "citycard-upload");
        this.thread.setDaemon(true);
    }

    public StoreAndForward start() {
        thread.start();
        return this;
    }

    /** Asks for a pass soon (a new money event is journaled). */
    public void nudge() {
        lock.lock();
        try {
            nudged = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        while (running) {
            long waitMs = intervalMs;
            try {
                Uploader.Pass p = uploader.drainOnce();
                backoff.reset();
                lastError = null;
                if (!p.idle()) {
                    LOG.log(
                            System.Logger.Level.INFO,
                            "uploaded {0} records in {1} batches, {2} completions, " + "{3} reversals, reconciled {4}",
                            p.records(),
                            p.batches(),
                            p.completions(),
                            p.reversals(),
                            p.reconciled());
                }
            } catch (IsoException e) {
                failures.incrementAndGet();
                lastError = e.getMessage();
                waitMs = backoff.nextDelayMs();
                LOG.log(
                        System.Logger.Level.WARNING,
                        "upload pass failed, next try in {0} ms: {1}",
                        waitMs,
                        e.getMessage());
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                lastError = e.toString();
                waitMs = backoff.nextDelayMs();
                LOG.log(System.Logger.Level.ERROR, "upload pass failed unexpectedly, next try in " + waitMs + " ms", e);
            }
            lock.lock();
            try {
                passes.incrementAndGet();
                passDone.signalAll();
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
                while (running && !nudged) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    wake.awaitNanos(left);
                }
                nudged = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
        }
    }

    /** Waits until a pass that started after this call has finished; true when one did within the time. */
    public boolean awaitPass(long timeoutMs) throws InterruptedException {
        lock.lock();
        try {
            long target = passes.get() + 2;
            nudged = true;
            wake.signalAll();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            while (passes.get() < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                passDone.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    public long failures() {
        return failures.get();
    }

    /** The last pass's error, null after a good pass. */
    public String lastError() {
        return lastError;
    }

    @Override
    public void close() {
        running = false;
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
