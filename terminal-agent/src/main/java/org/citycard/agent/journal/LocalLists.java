package org.citycard.agent.journal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The hotlist and the terminal parameters kept locally, each with the version the server gave it. */
public final class LocalLists {
    private final Journal j;

    LocalLists(Journal journal) {
        this.j = journal;
    }

    public boolean hotlisted(String asn) {
        synchronized (j) {
            try (PreparedStatement ps = j.conn.prepareStatement("SELECT 1 FROM hotlist WHERE asn = ?")) {
                ps.setString(1, asn);
                try (ResultSet rs = ps.executeQuery()) {
                    boolean hit = rs.next();
                    j.conn.commit();
                    return hit;
                }
            } catch (SQLException e) {
                throw j.fail("check the hotlist", e);
            }
        }
    }

    public int hotlistSize() {
        synchronized (j) {
            try (PreparedStatement ps = j.conn.prepareStatement("SELECT COUNT(*) FROM hotlist");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                int n = rs.getInt(1);
                j.conn.commit();
                return n;
            } catch (SQLException e) {
                throw j.fail("count the hotlist", e);
            }
        }
    }

    /** Replaces the whole hotlist (full download) or applies a delta, and its version, in one transaction. */
    public void applyHotlist(String version, boolean full, Collection<String> added, Collection<String> removed) {
        synchronized (j) {
            try {
                if (full) {
                    j.update0("DELETE FROM hotlist");
                }
                for (String asn : removed) {
                    j.update0("DELETE FROM hotlist WHERE asn = ?", asn);
                }
                for (String asn : added) {
                    j.update0("DELETE FROM hotlist WHERE asn = ?", asn);
                    j.update0("INSERT INTO hotlist (asn) VALUES (?)", asn);
                }
                putMeta("hotlist_version", version);
                j.conn.commit();
            } catch (SQLException e) {
                throw j.fail("store hotlist version " + version, e);
            }
        }
    }

    /** Replaces the parameters and their version in one transaction. */
    public void applyParameters(String version, Map<String, String> values) {
        synchronized (j) {
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

    public Map<String, String> parameters() {
        synchronized (j) {
            Map<String, String> out = new LinkedHashMap<>();
            try (PreparedStatement ps = j.conn.prepareStatement("SELECT k, v FROM parameter ORDER BY k");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
                j.conn.commit();
                return out;
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
