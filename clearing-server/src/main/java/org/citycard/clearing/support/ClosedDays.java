package org.citycard.clearing.support;

import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The closed business days (table {@code business_day}), cached: every batch asks whether its day is still open.
 * A close in this server is seen at once ({@link #add}); one made by another instance within {@link #TTL_NANOS}, or
 * at once by a booking, which reads them again inside the {@link DayGate}.
 */
@Component
public class ClosedDays {
    static final long TTL_NANOS = 5_000_000_000L;

    private final JdbcClient jdbc;
    private final Set<String> closed = new ConcurrentSkipListSet<>();
    private volatile long loadedAt;
    private volatile boolean loaded;

    public ClosedDays(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean isClosed(String businessDate) {
        long now = System.nanoTime();
        if (!loaded || now - loadedAt > TTL_NANOS) {
            closed.addAll(jdbc.sql("SELECT business_date FROM business_day")
                    .query(String.class)
                    .list());
            loadedAt = now;
            loaded = true;
        }
        return closed.contains(businessDate);
    }

    /** Reads the closed days again now (a booking that must not rely on the cache, see {@link DayGate}). */
    public void reload() {
        closed.addAll(jdbc.sql("SELECT business_date FROM business_day")
                .query(String.class)
                .list());
        loadedAt = System.nanoTime();
        loaded = true;
    }

    /** Called by the day close once its transaction committed. */
    public void add(String businessDate) {
        closed.add(businessDate);
    }
}
