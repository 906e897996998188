package org.citycard.clearing.ingest;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Loads and saves card chains (table card_account, with the card's state, hotlisting and pending loads). */
@Repository
public class CardChainRepository {
    private final JdbcTemplate jdbc;

    public CardChainRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The chains of the registered cards among {@code asns}; unknown cards are absent from the map. */
    public Map<String, CardChain> load(Collection<String> asns) {
        Map<String, CardChain> out = new HashMap<>();
        if (asns.isEmpty()) {
            return out;
        }
        String in = asns.stream().map(a -> "?").collect(Collectors.joining(", "));
        Map<String, Row> rows = new HashMap<>();
        jdbc.query(
                "SELECT a.asn, a.next_offline_seq, a.chain_balance, a.chain_online_seq, a.purchase_count, a.held,"
                        + " a.pending_loads, a.version, c.state, h.listed_at FROM card_account a"
                        + " JOIN card c ON c.asn = a.asn LEFT JOIN hotlist_entry h ON h.asn = a.asn"
                        + " WHERE a.asn IN (" + in + ")",
                rs -> {
                    Timestamp listed = rs.getTimestamp("listed_at");
                    rows.put(
                            rs.getString("asn"),
                            new Row(
                                    rs.getString("state"),
                                    listed == null ? null : listed.toInstant(),
                                    rs.getLong("version"),
                                    rs.getInt("next_offline_seq"),
                                    rs.getLong("chain_balance"),
                                    rs.getInt("chain_online_seq"),
                                    rs.getLong("purchase_count"),
                                    rs.getInt("held"),
                                    rs.getInt("pending_loads")));
                },
                asns.toArray());
        for (Map.Entry<String, Row> e : rows.entrySet()) {
            Row r = e.getValue();
            List<CardChain.LoadLink> loads = r.pendingLoads == 0 ? List.of() : pendingLoads(e.getKey(), r.chainOnline);
            out.put(
                    e.getKey(),
                    new CardChain(
                            e.getKey(),
                            r.state,
                            r.listedAt,
                            r.version,
                            r.nextSeq,
                            r.chainBalance,
                            r.chainOnline,
                            r.purchases,
                            r.held,
                            loads));
        }
        return out;
    }

    public CardChain load(String asn) {
        return load(List.of(asn)).get(asn);
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
        int[][] counts = jdbc.batchUpdate(
                "UPDATE card_account SET next_offline_seq = ?, chain_balance = ?, chain_online_seq = ?,"
                        + " purchase_count = ?, held = ?, pending_loads = ?, version = version + 1, updated_at = ?"
                        + " WHERE asn = ? AND version = ?",
                changed,
                changed.size(),
                (ps, c) -> {
                    ps.setInt(1, c.nextOfflineSeq());
                    ps.setLong(2, c.chainBalance());
                    ps.setInt(3, c.chainOnlineSeq());
                    ps.setLong(4, c.purchaseCount());
                    ps.setInt(5, c.held());
                    ps.setInt(6, c.pendingLoadCount());
                    ps.setTimestamp(7, ts);
                    ps.setString(8, c.asn());
                    ps.setLong(9, c.version());
                });
        for (int[] batch : counts) {
            for (int n : batch) {
                if (n == 0) {
                    throw new ConcurrentChainUpdateException();
                }
            }
        }
    }

    private record Row(
            String state,
            Instant listedAt,
            long version,
            int nextSeq,
            long chainBalance,
            int chainOnline,
            long purchases,
            int held,
            int pendingLoads) {}
}
