package org.citycard.clearing.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BoundedCacheTest {
    @Test
    void aMillionRandomKeys_leaveTheCacheAtMostItsCapacity() {
        BoundedCache<String, Boolean> cache = new BoundedCache<>(10_000, Long.MAX_VALUE);
        SplittableRandom random = new SplittableRandom(15);
        int largest = 0;
        for (int i = 0; i < 1_000_000; i++) {
            String id = String.format("%012d", random.nextLong(1_000_000_000_000L));
            cache.get(id, k -> Boolean.FALSE);
            largest = Math.max(largest, cache.size());
        }
        assertThat(largest).isLessThanOrEqualTo(10_000);
    }

    @Test
    void whenFull_expiredEntriesGoFirst_andFreshOnesStay() {
        AtomicLong now = new AtomicLong();
        BoundedCache<String, String> cache = new BoundedCache<>(3, 100, now::get);
        cache.put("old-1", "a");
        cache.put("old-2", "b");
        now.set(50);
        cache.put("fresh", "c");
        now.set(120); // old-1 and old-2 expired, fresh not
        cache.put("new", "d");
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.peek("fresh")).isEqualTo("c");
        assertThat(cache.peek("new")).isEqualTo("d");
        assertThat(cache.peek("old-1")).isNull();
    }

    @Test
    void anExpiredEntry_isLoadedAgain() {
        AtomicLong now = new AtomicLong();
        AtomicLong loads = new AtomicLong();
        BoundedCache<String, Long> cache = new BoundedCache<>(10, 100, now::get);
        cache.get("k", k -> loads.incrementAndGet());
        cache.get("k", k -> loads.incrementAndGet());
        assertThat(loads).hasValue(1);
        now.set(100);
        assertThat(cache.get("k", k -> loads.incrementAndGet())).isEqualTo(2L);
    }
}
