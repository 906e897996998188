package org.citycard.clearing.ingest;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Loads and saves card chains (table card_account with the card's pending loads; hotlisting from
 * {@link HotlistSnapshots}). Chains saved by committed transactions are kept in a {@link CardChainCache} and read
 * from there; the optimistic version check of every save keeps the database the judge.
 */
@Repository
public class CardChainRepository {
    private final JdbcTemplate jdbc;
    private final HotlistSnapshots hotlist;
    private final CardChainCache cache;
    /** PostgreSQL: a batch's chains saved by one UPDATE … FROM (VALUES …) per chunk instead of one UPDATE each. */
    private final boolean multiRow;

    public CardChainRepository(
            JdbcTemplate jdbc,
            HotlistSnapshots hotlist,
            @Value("${citycard.ingest.chain-cache-cards:500000}") int cacheCapacity,
            org.citycard.clearing.support.DatabaseKind database) {
        this.jdbc = jdbc;
        this.multiRow = database.shared();
        this.hotlist = hotlist;
        this.cache = new CardChainCache(cacheCapacity);
    }

    /** The chains of the registered cards among {@code asns}; unknown cards are absent from the map. */
    public Map<String, CardChain> load(Collection<String> asns) {
        Map<String, CardChain> out = new HashMap<>();
        if (asns.isEmpty()) {
            return out;
        }
        Map<String, Instant> listed = hotlist.listedAt();
        cache.used(List.copyOf(asns));
        List<String> misses = new ArrayList<>();
        for (String asn : asns) {
            CardChainCache.Snapshot s = cache.get(asn);
            if (s == null) {
                misses.add(asn);
            } else {
                out.put(asn, s.chain(asn, listed.get(asn)));
            }
        }
        if (!misses.isEmpty()) {
            read(misses).forEach((asn, s) -> {
                cache.read(asn, s);
                out.put(asn, s.chain(asn, listed.get(asn)));
            });
        }
        return out;
    }

    public CardChain load(String asn) {
        return load(List.of(asn)).get(asn);
    }

    /**
     * Locks the shadow accounts of these cards (those registered) until the current transaction ends, in ASN order
     * (PostgreSQL locks the rows as the sorted result is read, so two transactions never hold them crosswise), and
     * drops the cached chains whose version the database has moved past (another instance moved the card).
     */
    void lockRows(Collection<String> asns) {
        List<String> sorted = asns.stream().distinct().sorted().toList();
        if (sorted.isEmpty()) {
            return;
        }
        String in = sorted.stream().map(a -> "?").collect(Collectors.joining(", "));
        List<String> stale = new ArrayList<>();
        jdbc.query(
                "SELECT asn, version FROM card_account WHERE asn IN (" + in + ") ORDER BY asn FOR UPDATE",
                rs -> {
                    CardChainCache.Snapshot s = cache.get(rs.getString(1));
                    if (s != null && s.version() != rs.getLong(2)) {
                        stale.add(rs.getString(1));
                    }
                },
                sorted.toArray());
        cache.evict(stale);
    }

    /** Committed shadow accounts from the database: one probe of card_account's key per card. */
    private Map<String, CardChainCache.Snapshot> read(List<String> asns) {
        String in = asns.stream().map(a -> "?").collect(Collectors.joining(", "));
        Map<String, CardChainCache.Snapshot> rows = new HashMap<>();
        Map<String, Integer> withLoads = new HashMap<>();
        jdbc.query(
                "SELECT asn, next_offline_seq, chain_balance, chain_online_seq, purchase_count, purchase_amount,"
                        + " last_purchase_id, held, pending_loads, version FROM card_account WHERE asn IN (" + in + ")",
                rs -> {
                    String asn = rs.getString("asn");
                    rows.put(
                            asn,
                            new CardChainCache.Snapshot(
                                    rs.getLong("version"),
                                    rs.getInt("next_offline_seq"),
                                    rs.getLong("chain_balance"),
                                    rs.getInt("chain_online_seq"),
                                    rs.getLong("purchase_count"),
                                    rs.getLong("purchase_amount"),
                                    rs.getLong("last_purchase_id"), // NULL (no purchase yet) reads as 0
                                    rs.getInt("held"),
                                    List.of()));
                    if (rs.getInt("pending_loads") > 0) {
                        withLoads.put(asn, rs.getInt("chain_online_seq"));
                    }
                },
                asns.toArray());
        withLoads.forEach((asn, chainOnline) ->
                rows.computeIfPresent(asn, (a, s) -> s.withPendingLoads(pendingLoads(a, chainOnline))));
        return rows;
    }

    private List<CardChain.LoadLink> pendingLoads(String asn, int afterOnlineSeq) {
        return jdbc.query(
                "SELECT online_seq, balance_before, amount FROM load_txn WHERE asn = ? AND status = 'COMPLETED'"
                        + " AND online_seq > ? ORDER BY online_seq",
                (rs, i) -> new CardChain.LoadLink(
                        rs.getInt("online_seq"), rs.getLong("balance_before"), rs.getLong("amount")),
                asn,
                afterOnlineSeq);
    }

    /**
     * Saves the changed chains, each only if nobody saved it since it was read (optimistic lock).
     *
     * @throws ConcurrentChainUpdateException when another transaction moved one of the chains first
     */
    public void save(Collection<CardChain> chains, Instant now) {
        List<CardChain> changed = chains.stream()
                .filter(CardChain::changed)
                .sorted((a, b) -> a.asn().compareTo(b.asn()))
                .toList();
        if (changed.isEmpty()) {
            return;
        }
        Timestamp ts = Timestamp.from(now);
        if (multiRow ? !savedInChunks(changed, ts) : !savedOneByOne(changed, ts)) {
            // a cached or read state was stale: the retry reads these cards from the database
            cache.evict(changed.stream().map(CardChain::asn).toList());
            throw new ConcurrentChainUpdateException();
        }
        cache.saved(changed);
    }

    /** One UPDATE a chain, as one JDBC batch; false when one of them found its version moved. */
    private boolean savedOneByOne(List<CardChain> changed, Timestamp ts) {
        java.util.Calendar calendar = new java.util.GregorianCalendar(); // one for all rows (see PurchaseRepository)
        int[][] counts = jdbc.batchUpdate(
                "UPDATE card_account SET next_offline_seq = ?, chain_balance = ?, chain_online_seq = ?,"
                        + " purchase_count = ?, held = ?, pending_loads = ?, version = version + 1, updated_at = ?,"
                        + " purchase_amount = ?, last_purchase_id = ? WHERE asn = ? AND version = ?",
                changed,
                changed.size(),
                (ps, c) -> {
                    ps.setInt(1, c.nextOfflineSeq());
                    ps.setLong(2, c.chainBalance());
                    ps.setInt(3, c.chainOnlineSeq());
                    ps.setLong(4, c.purchaseCount());
                    ps.setInt(5, c.held());
                    ps.setInt(6, c.pendingLoadCount());
                    ps.setTimestamp(7, ts, calendar);
                    ps.setLong(8, c.purchaseAmount());
                    setId(ps, 9, c.lastPurchaseId());
                    ps.setString(10, c.asn());
                    ps.setLong(11, c.version());
                });
        for (int[] batch : counts) {
            for (int n : batch) {
                if (n == 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * PostgreSQL: the chains in chunks of {@link PurchaseRepository#CHUNKS} rows, each chunk one {@code UPDATE … FROM
     * (VALUES …)} with the same {@code version = ?} check per row; false when a chunk updated fewer rows than it
     * holds (a version moved).
     */
    private boolean savedInChunks(List<CardChain> changed, Timestamp ts) {
        int from = 0;
        while (from < changed.size()) {
            int left = changed.size() - from;
            int n = 1;
            for (int c : PurchaseRepository.CHUNKS) {
                if (c <= left) {
                    n = c;
                    break;
                }
            }
            List<CardChain> chunk = changed.subList(from, from + n);
            int updated = jdbc.update(chunkSql(n), ps -> {
                ps.setTimestamp(1, ts); // updated_at, before the VALUES in the statement
                int at = 1;
                for (CardChain c : chunk) {
                    ps.setString(++at, c.asn());
                    ps.setLong(++at, c.version());
                    ps.setInt(++at, c.nextOfflineSeq());
                    ps.setLong(++at, c.chainBalance());
                    ps.setInt(++at, c.chainOnlineSeq());
                    ps.setLong(++at, c.purchaseCount());
                    ps.setInt(++at, c.held());
                    ps.setInt(++at, c.pendingLoadCount());
                    ps.setLong(++at, c.purchaseAmount());
                    setId(ps, ++at, c.lastPurchaseId());
                }
            });
            if (updated != n) {
                return false;
            }
            from += n;
        }
        return true;
    }

    private static final Map<Integer, String> CHUNK_SQL = new java.util.concurrent.ConcurrentHashMap<>();

    static String chunkSql(int rows) {
        return CHUNK_SQL.computeIfAbsent(
                rows,
                n -> "UPDATE card_account AS a SET next_offline_seq = v.next_offline_seq, chain_balance ="
                        + " v.chain_balance, chain_online_seq = v.chain_online_seq, purchase_count = v.purchase_count,"
                        + " held = v.held, pending_loads = v.pending_loads, purchase_amount = v.purchase_amount,"
                        + " last_purchase_id = v.last_purchase_id, version = a.version + 1, updated_at = ?"
                        + " FROM (VALUES "
                        + String.join(
                                ", ",
                                java.util.Collections.nCopies(
                                        n,
                                        "(CAST(? AS CHAR(20)), CAST(? AS BIGINT), CAST(? AS INTEGER), CAST(? AS"
                                                + " BIGINT), CAST(? AS INTEGER), CAST(? AS BIGINT), CAST(? AS INTEGER),"
                                                + " CAST(? AS INTEGER), CAST(? AS BIGINT), CAST(? AS BIGINT))"))
                        + ") AS v (asn, version, next_offline_seq, chain_balance, chain_online_seq, purchase_count,"
                        + " held, pending_loads, purchase_amount, last_purchase_id) WHERE a.asn = v.asn AND a.version ="
                        + " v.version");
    }

    /** A purchase id, 0 meaning none (SQL NULL). */
    static void setId(java.sql.PreparedStatement ps, int index, long id) throws java.sql.SQLException {
        if (id == 0) {
            ps.setNull(index, java.sql.Types.BIGINT);
        } else {
            ps.setLong(index, id);
        }
    }
}
