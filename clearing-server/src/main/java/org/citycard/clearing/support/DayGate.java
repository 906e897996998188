package org.citycard.clearing.support;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Keeps a day close and the batches that book onto a business day apart: batches pass together (read lock); the
 * close's transaction waits for the batches in progress and holds new ones back until the day is marked closed, so
 * no record lands on a day after its totals were taken. Within one server; several instances on PostgreSQL rely on
 * {@link ClosedDays}' short cache and a close run while terminals are quiet (see the README).
 */
@Component
public class DayGate {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);

    public <T> T booking(Supplier<T> work) {
        lock.readLock().lock();
        try {
            return work.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    public <T> T closing(Supplier<T> work) {
        lock.writeLock().lock();
        try {
            return work.get();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
