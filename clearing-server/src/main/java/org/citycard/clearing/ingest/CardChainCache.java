package org.citycard.clearing.ingest;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Committed shadow-account states of recently seen cards, so that a batch need not read back the chains it (or an
 * earlier batch) just wrote. The cache is an optimisation the database can always overrule: a snapshot carries the
 * account's version, and every change of a chain is saved with {@code WHERE version = ?}; a snapshot that another
 * transaction or server instance made stale fails that check, is evicted, and the batch is retried on what the
 * database holds. A snapshot enters only after its transaction committed (or when read committed from the
 * database); a transaction that does not commit evicts every card it used, so a snapshot made stale elsewhere
 * leaves the cache on the first conflict it causes (a failed version check, or a record's key taken already). Hotlisting is not cached here (see
 * {@link HotlistSnapshots}).
 */
final class CardChainCache {
    private final int capacity;
    private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();

    CardChainCache(int capacity) {
        this.capacity = capacity;
    }

    /** A card's shadow account as committed at {@code version}. */
    record Snapshot(
            long version,
            int nextOfflineSeq,
            long chainBalance,
            int chainOnlineSeq,
            long purchaseCount,
            long purchaseAmount,
            long lastPurchaseId,
            int held,
            List<CardChain.LoadLink> pendingLoads) {
        Snapshot {
            pendingLoads = List.copyOf(pendingLoads);
        }

        /** This state with the card's completed loads not yet placed in its chain. */
        Snapshot withPendingLoads(List<CardChain.LoadLink> loads) {
            return new Snapshot(
                    version,
                    nextOfflineSeq,
                    chainBalance,
                    chainOnlineSeq,
                    purchaseCount,
                    purchaseAmount,
                    lastPurchaseId,
                    held,
                    loads);
        }

        static Snapshot of(CardChain c, long version) {
            return new Snapshot(
                    version,
                    c.nextOfflineSeq(),
                    c.chainBalance(),
                    c.chainOnlineSeq(),
                    c.purchaseCount(),
                    c.purchaseAmount(),
                    c.lastPurchaseId(),
                    c.held(),
                    c.pendingLoads());
        }

        CardChain chain(String asn, java.time.Instant hotlistedAt) {
            return new CardChain(
                    asn,
                    hotlistedAt,
                    version,
                    nextOfflineSeq,
                    chainBalance,
                    chainOnlineSeq,
                    purchaseCount,
                    purchaseAmount,
                    lastPurchaseId,
                    held,
                    pendingLoads);
        }
    }

    Snapshot get(String asn) {
        return snapshots.get(asn);
    }

    /** A state read committed from the database. */
    void read(String asn, Snapshot s) {
        put(asn, s);
    }

    void evict(Collection<String> asns) {
        asns.forEach(snapshots::remove);
    }

    /**
     * Chains of these cards are used by the current transaction: if it does not commit (a key taken by another
     * instance's record, a deadlock), they are evicted, so that its retry reads them from the database.
     */
    void used(List<String> asns) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) {
                    evict(asns);
                }
            }
        });
    }

    /**
     * The chains were saved in the current transaction at their version + 1: their new states enter the cache when
     * it commits; on a rollback they are evicted. Outside a transaction nothing is cached.
     */
    void saved(List<CardChain> chains) {
        List<String> asns = chains.stream().map(CardChain::asn).toList();
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            evict(asns);
            return;
        }
        List<Snapshot> states =
                chains.stream().map(c -> Snapshot.of(c, c.version() + 1)).toList();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) {
                    evict(asns);
                    return;
                }
                for (int i = 0; i < asns.size(); i++) {
                    put(asns.get(i), states.get(i));
                }
            }
        });
    }

    /** Keeps the newer of two states of a card; bounded by dropping everything when full (it refills on use). */
    private void put(String asn, Snapshot s) {
        if (snapshots.size() >= capacity) {
            snapshots.clear();
        }
        snapshots.merge(asn, s, (old, now) -> now.version() >= old.version() ? now : old);
    }

    int size() {
        return snapshots.size();
    }
}
