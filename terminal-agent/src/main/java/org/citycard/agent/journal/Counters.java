package org.citycard.agent.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Durable counters in the meta table; the caller commits with the work that uses the value. */
final class Counters {
    private Counters() {}

    /** Increments and returns the counter, wrapping from {@code max} to 1. */
    static long next(Connection c, String name, long max) throws SQLException {
        long cur = current(c, name);
        long next = cur >= max ? 1 : cur + 1;
        try (PreparedStatement ps = c.prepareStatement("UPDATE meta SET v = ? WHERE k = ?")) {
            ps.setString(1, Long.toString(next));
            ps.setString(2, name);
            if (ps.executeUpdate() == 0) {
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO meta (k, v) VALUES (?, ?)")) {
                    ins.setString(1, name);
                    ins.setString(2, Long.toString(next));
                    ins.executeUpdate();
                }
            }
        }
        return next;
    }

    static long current(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT v FROM meta WHERE k = ? FOR UPDATE")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Long.parseLong(rs.getString(1)) : 0;
            }
        }
    }
}
