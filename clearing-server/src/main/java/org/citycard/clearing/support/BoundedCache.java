package org.citycard.clearing.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * A small cache that can never outgrow its capacity, whatever keys callers send: lookups of a million random
 * terminal IDs must not grow the heap. Reads are lock-free; an entry older than the time to live is loaded again.
 * When an insert finds the cache full, expired entries are dropped first and, if none were, the whole cache is
 * emptied and refills with what is in use (cheaper and simpler than LRU bookkeeping on every read, and the cache is
 * an optimisation the loader can always answer without).
 */
public final class BoundedCache<K, V> {
    private final int capacity;
    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private final Map<K, Entry<V>> map = new ConcurrentHashMap<>();

    private record Entry<V>(V value, long at) {}

    /**
     * @param capacity the most entries held (at least 1)
     * @param ttlNanos how long an entry is served before it is loaded again; {@code Long.MAX_VALUE} for ever
     */
    public BoundedCache(int capacity, long ttlNanos) {
        this(capacity, ttlNanos, System::nanoTime);
    }

    BoundedCache(int capacity, long ttlNanos, LongSupplier nanoTime) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity + " must be at least 1");
        }
        this.capacity = capacity;
        this.ttlNanos = ttlNanos;
        this.nanoTime = nanoTime;
    }

    /** The cached value of the key, or the loader's (then cached). */
    public V get(K key, Function<? super K, ? extends V> loader) {
        long now = nanoTime.getAsLong();
        Entry<V> e = map.get(key);
        if (e != null && now - e.at() < ttlNanos) {
            return e.value();
        }
        V v = loader.apply(key);
        put(key, v, now);
        return v;
    }

    /** The cached value if present and fresh, else null (nothing is loaded). */
    public V peek(K key) {
        Entry<V> e = map.get(key);
        return e != null && nanoTime.getAsLong() - e.at() < ttlNanos ? e.value() : null;
    }

    public void put(K key, V value) {
        put(key, value, nanoTime.getAsLong());
    }

    private void put(K key, V value, long now) {
        if (map.size() >= capacity && !map.containsKey(key)) {
            map.values().removeIf(old -> now - old.at() >= ttlNanos);
            if (map.size() >= capacity) {
                map.clear();
            }
        }
        map.put(key, new Entry<>(value, now));
    }

    public void remove(K key) {
        map.remove(key);
    }

    /** Entries held now (never more than the capacity, give or take concurrent inserts). */
    public int size() {
        return map.size();
    }

    public int capacity() {
        return capacity;
    }
}
