package org.citycard.agent.journal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.citycard.dictionary.format.CompactHotlist;

/** The hotlist and the terminal parameters kept locally, each with the version the server gave it. */
public final class LocalLists {
    private final Journal j;

    LocalLists(Journal journal) {
        this.j = journal;
    }

    /**
     * The hotlist in its compact form (layout hotlist_compact_entry), held in memory and looked up by binary search
     * at each tap; stored as one BLOB beside its version. Null until first read.
     */
    private CompactHotlist image;

    /** Whether the card is on the local hotlist: a binary search in the compact copy, no database read. */
    public boolean hotlisted(String asn) {
        synchronized (j) {
            return image().contains(asn);
        }
    }

    public int hotlistSize() {
        synchronized (j) {
            return image().size();
        }
    }

    /** The local hotlist as it is stored and looked up (compact form, sorted by ASN). */
    public CompactHotlist hotlist() {
        synchronized (j) {
            return image();
        }
    }

    private CompactHotlist image() {
        if (image == null) {
            try {
                image = loadImage();
                j.conn.commit();
            } catch (SQLException e) {
                throw j.fail("read the hotlist", e);
            }
        }
        return image;
    }

    private CompactHotlist loadImage() throws SQLException {
        try (PreparedStatement ps = j.conn.prepareStatement("SELECT entries FROM hotlist_image WHERE k = 1");
                ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                return CompactHotlist.fromBytes(rs.getBytes(1));
            }
        }
        // a journal from before the compact form: its rows, expiry unknown
        Map<String, String> rows = new LinkedHashMap<>();
        try (PreparedStatement ps = j.conn.prepareStatement("SELECT asn FROM hotlist");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.put(rs.getString(1).trim(), null);
            }
        }
        return CompactHotlist.of(rows, Math.max(rows.size(), CompactHotlist.CAPACITY));
    }

    /** Replaces the whole hotlist (full download) or applies a delta, and its version, in one transaction. */
    public void applyHotlist(String version, boolean full, Collection<String> added, Collection<String> removed) {
        Map<String, String> withExpiry = new LinkedHashMap<>();
        added.forEach(a -> withExpiry.put(a, null));
        applyHotlist(version, full, withExpiry, removed, null, CompactHotlist.CAPACITY);
    }

    /**
     * Replaces the whole hotlist (full download) or applies a delta, drops the entries of cards expired before
     * {@code today} and stores the result with its version, in one transaction.
     *
     * @param added ASN → expiry YYYYMMDD (null when unknown)
     * @param today YYYYMMDD, or null to purge nothing
     * @throws CompactHotlist.CapacityExceededException when the list would exceed {@code capacity}: nothing changes
     */
    public void applyHotlist(
            String version,
            boolean full,
            Map<String, String> added,
            Collection<String> removed,
            String today,
            int capacity) {
        synchronized (j) {
            CompactHotlist base = full ? CompactHotlist.empty() : image();
            CompactHotlist next = base.apply(added, removed, capacity);
            if (today != null) {
                next = next.purgeExpired(today);
            }
            storeWithVersion(next, version);
        }
    }

    /**
     * Replaces the whole hotlist with the server's compact image (checked when it was read), less the entries of
     * cards expired before {@code today}, stored with its version in one transaction.
     */
    public void replaceHotlist(String version, CompactHotlist list, String today) {
        synchronized (j) {
            CompactHotlist next = today == null ? list : list.purgeExpired(today);
            storeWithVersion(next, version);
        }
    }

    /** Stores the list with its version in one transaction (the caller holds the journal's lock). */
    private void storeWithVersion(CompactHotlist next, String version) {
        try {
            store(next);
            putMeta("hotlist_version", version);
            j.conn.commit();
            image = next;
        } catch (SQLException e) {
            j.rollbackQuietly();
            throw j.fail("store hotlist version " + version, e);
        }
    }

    /** Drops the entries of cards expired before {@code today} (YYYYMMDD); the version stays. How many went. */
    public int purgeExpired(String today) {
        synchronized (j) {
            CompactHotlist now = image();
            CompactHotlist next = now.purgeExpired(today);
            if (next == now) {
                return 0;
            }
            try {
                store(next);
                j.conn.commit();
                image = next;
                return now.size() - next.size();
            } catch (SQLException e) {
                j.rollbackQuietly();
                throw j.fail("purge the hotlist of expired cards", e);
            }
        }
    }

    private void store(CompactHotlist h) throws SQLException {
        j.update0("DELETE FROM hotlist"); // the rows of the old form are replaced by the image
        j.update0("DELETE FROM hotlist_image WHERE k = 1");
        try (PreparedStatement ps = j.conn.prepareStatement("INSERT INTO hotlist_image (k, entries) VALUES (1, ?)")) {
            ps.setBytes(1, h.bytes());
            ps.executeUpdate();
        }
    }

    /** Replaces the parameters and their version in one transaction. */
    public void applyParameters(String version, Map<String, String> values) {
        synchronized (j) {
            parameters = null;
            try {
                j.update0("DELETE FROM parameter");
                for (Map.Entry<String, String> e : values.entrySet()) {
                    j.update0("INSERT INTO parameter (k, v) VALUES (?, ?)", e.getKey(), e.getValue());
                }
                putMeta("parameter_version", version);
                j.conn.commit();
            } catch (SQLException e) {
                throw j.fail("store parameter version " + version, e);
            }
        }
    }

    /**
     * The terminal parameters, read once and kept (this journal is the only writer of its parameters): every tap
     * reads them. Null until read and while a new version is being stored.
     */
    private Map<String, String> parameters;

    /** The terminal parameters by name (unmodifiable). */
    public Map<String, String> parameters() {
        synchronized (j) {
            if (parameters != null) {
                return parameters;
            }
            Map<String, String> out = new LinkedHashMap<>();
            try (PreparedStatement ps = j.conn.prepareStatement("SELECT k, v FROM parameter ORDER BY k");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
                j.conn.commit();
                parameters = java.util.Collections.unmodifiableMap(out);
                return parameters;
            } catch (SQLException e) {
                throw j.fail("read the parameters", e);
            }
        }
    }

    /** The hotlist version held, "00000000" before the first download. */
    public String hotlistVersion() {
        return meta("hotlist_version");
    }

    public String parameterVersion() {
        return meta("parameter_version");
    }

    private String meta(String key) {
        synchronized (j) {
            try (PreparedStatement ps = j.conn.prepareStatement("SELECT v FROM meta WHERE k = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    String v = rs.next() ? rs.getString(1) : "00000000";
                    j.conn.commit();
                    return v;
                }
            } catch (SQLException e) {
                throw j.fail("read " + key, e);
            }
        }
    }

    private void putMeta(String key, String value) throws SQLException {
        j.update0("DELETE FROM meta WHERE k = ?", key);
        j.update0("INSERT INTO meta (k, v) VALUES (?, ?)", key, value);
    }
}
