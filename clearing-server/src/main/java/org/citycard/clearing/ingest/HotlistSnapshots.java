package org.citycard.clearing.ingest;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.citycard.clearing.reference.HotlistService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * When each hotlisted card was listed, for the ingest's hotlist check. Every change of the hotlist raises its
 * version ({@link HotlistService}), so each batch reads the version (one key lookup) and reloads the list only
 * when it moved: a listing committed before the batch starts is always seen, as with a direct read.
 */
@Component
class HotlistSnapshots {
    private final JdbcTemplate jdbc;
    private volatile Snapshot current = new Snapshot(-1, Map.of());

    HotlistSnapshots(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private record Snapshot(long version, Map<String, Instant> listedAt) {}

    /** The listing instants of the hotlisted cards, as of now. */
    Map<String, Instant> listedAt() {
        Long version = jdbc.queryForObject(
                "SELECT version FROM system_version WHERE name = ?", Long.class, HotlistService.HOTLIST);
        Snapshot s = current;
        if (version == null || s.version() != version) {
            Map<String, Instant> listed = new HashMap<>();
            jdbc.query("SELECT asn, listed_at FROM hotlist_entry", rs -> {
                Timestamp t = rs.getTimestamp("listed_at");
                listed.put(rs.getString("asn"), t.toInstant());
            });
            s = new Snapshot(version == null ? -1 : version, Map.copyOf(listed));
            current = s;
        }
        return s.listedAt();
    }
}
