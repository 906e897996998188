package org.citycard.clearing.support;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps a day close and the work that books onto a business day (uploaded batches, load completions) apart: the
 * bookings pass together, the close's transaction waits for the bookings of its day in progress and holds new ones
 * back until the day is marked closed, so no record lands on a day after its totals were taken.
 *
 * <p>Within one server a read-write lock ({@link #booking} / {@link #closing}, around the transactions). On
 * PostgreSQL, which several instances may share, also in the database, inside the transactions: a booking takes the
 * day's transaction-scoped advisory lock shared ({@link #enterBooking}), then reads the closed days afresh (not from
 * {@link ClosedDays}' cache) and moves on to the next day when its day was closed meanwhile; the close takes the
 * day's lock exclusively ({@link #enterClosing}). Both locks end with their transactions, so an instance killed
 * mid-batch holds nothing back. Bookings on one day never wait for the close of another.
 */
@Component
public class DayGate {
    /** High bits of the days' advisory lock keys (low bits: the date as a number); "CCDG". */
    static final long KEY_SPACE = 0x4343_4447_0000_0000L;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);
    private final BusinessCalendar calendar;
    private final ClosedDays closedDays;
    private final JdbcTemplate jdbc;
    private final boolean shared;

    public DayGate(BusinessCalendar calendar, ClosedDays closedDays, JdbcTemplate jdbc, DatabaseKind database) {
        this.calendar = calendar;
        this.closedDays = closedDays;
        this.jdbc = jdbc;
        this.shared = database.shared();
    }

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

    /**
     * The open business day the current transaction books on, held open until it ends: on a shared database its
     * day lock is taken shared and the day checked against the closed days as committed (a close that committed
     * meanwhile moves the booking to the next day). On Derby the current business day (the in-JVM lock of
     * {@link #booking} keeps the close out).
     */
    public String enterBooking() {
        if (!shared) {
            return calendar.currentBusinessDate();
        }
        requireTransaction("a booking");
        String day = calendar.currentBusinessDate();
        while (true) {
            jdbc.queryForList("SELECT pg_advisory_xact_lock_shared(?)", key(day));
            closedDays.reload();
            String now = calendar.currentBusinessDate();
            if (now.equals(day)) {
                return day;
            }
            day = now; // the day closed (or the cut-off passed) while this waited: the next open day
        }
    }

    /** Takes the day's lock exclusively in the current transaction (a shared database): its bookings finish first. */
    public void enterClosing(String day) {
        if (!shared) {
            return;
        }
        requireTransaction("a day close");
        jdbc.queryForList("SELECT pg_advisory_xact_lock(?)", key(day));
    }

    static long key(String yyyymmdd) {
        return KEY_SPACE | Long.parseLong(yyyymmdd);
    }

    private static void requireTransaction(String what) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException(what + " enters the day gate inside its transaction");
        }
    }
}
