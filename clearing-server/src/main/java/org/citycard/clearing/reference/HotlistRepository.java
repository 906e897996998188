package org.citycard.clearing.reference;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The versioned hotlist: current entries, every change by version, and the system versions of field 62. */
@Repository
public class HotlistRepository {
    private final JdbcClient jdbc;

    public HotlistRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long version(String name) {
        return jdbc.sql("SELECT version FROM system_version WHERE name = ?")
                .param(name)
                .query(Long.class)
                .single();
    }

    /** Increments a system version inside the caller's transaction (the row lock orders concurrent changes). */
    public long nextVersion(String name) {
        jdbc.sql("UPDATE system_version SET version = version + 1 WHERE name = ?")
                .param(name)
                .update();
        return version(name);
    }

    public List<HotlistEntry> entries() {
        return jdbc.sql("SELECT * FROM hotlist_entry ORDER BY asn")
                .query(HotlistRepository::entry)
                .list();
    }

    public Optional<HotlistEntry> entry(String asn) {
        return jdbc.sql("SELECT * FROM hotlist_entry WHERE asn = ?")
                .param(asn)
                .query(HotlistRepository::entry)
                .optional();
    }

    public void insert(HotlistEntry e) {
        jdbc.sql("INSERT INTO hotlist_entry (asn, reason, listed_at, version) VALUES (?, ?, ?, ?)")
                .params(e.asn(), e.reason(), Timestamp.from(e.listedAt()), e.version())
                .update();
    }

    public boolean delete(String asn) {
        return jdbc.sql("DELETE FROM hotlist_entry WHERE asn = ?").param(asn).update() == 1;
    }

    public void change(long version, String asn, char type, Instant when, String by) {
        jdbc.sql(
                        "INSERT INTO hotlist_change (version, asn, change_type, changed_at, changed_by) VALUES (?, ?, ?, ?, ?)")
                .params(version, asn, String.valueOf(type), Timestamp.from(when), by)
                .update();
    }

    /**
     * The listed cards that still need an entry on {@code today} (YYYYMMDD): a card past its expiry date is left out
     * (an expired card is refused anyway). ASN → its expiry (null when the server does not know the card or its
     * expiry), sorted by ASN.
     */
    public java.util.SortedMap<String, String> liveEntries(String today) {
        java.util.SortedMap<String, String> out = new java.util.TreeMap<>();
        jdbc.sql("SELECT h.asn, c.expiry_date FROM hotlist_entry h LEFT JOIN card c ON c.asn = h.asn"
                        + " WHERE c.expiry_date IS NULL OR c.expiry_date >= ? ORDER BY h.asn")
                .param(today)
                .query(rs -> {
                    out.put(rs.getString(1).trim(), trimmed(rs.getString(2)));
                });
        return out;
    }

    /** How many listed cards still need an entry on {@code today}: the size of {@link #liveEntries}. */
    public int liveCount(String today) {
        return jdbc.sql("SELECT COUNT(*) FROM hotlist_entry h LEFT JOIN card c ON c.asn = h.asn"
                        + " WHERE c.expiry_date IS NULL OR c.expiry_date >= ?")
                .param(today)
                .query(Integer.class)
                .single();
    }

    /** The expiry dates (YYYYMMDD) the server holds for these cards; cards without one are absent. */
    public java.util.Map<String, String> expiries(java.util.Collection<String> asns) {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        for (String asn : new java.util.TreeSet<>(asns)) {
            jdbc.sql("SELECT expiry_date FROM card WHERE asn = ? AND expiry_date IS NOT NULL")
                    .param(asn)
                    .query(String.class)
                    .optional()
                    .ifPresent(e -> out.put(asn, e.trim()));
        }
        return out;
    }

    /** The version of the oldest change kept (changes before it are gone), or 0 when none is kept. */
    public long oldestChange() {
        Long v = jdbc.sql("SELECT MIN(version) FROM hotlist_change")
                .query(Long.class)
                .single();
        return v == null ? 0 : v;
    }

    private static String trimmed(String s) {
        return s == null ? null : s.trim();
    }

    /** The changes after {@code version}, oldest first. */
    public List<HotlistChange> changesSince(long version) {
        return jdbc.sql("SELECT * FROM hotlist_change WHERE version > ? ORDER BY version")
                .param(version)
                .query((rs, i) -> new HotlistChange(
                        rs.getLong("version"),
                        rs.getString("asn"),
                        "A".equals(rs.getString("change_type")) ? HotlistChange.Type.ADD : HotlistChange.Type.REMOVE))
                .list();
    }

    private static HotlistEntry entry(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new HotlistEntry(
                rs.getString("asn"),
                rs.getString("reason"),
                rs.getTimestamp("listed_at").toInstant(),
                rs.getLong("version"));
    }
}
