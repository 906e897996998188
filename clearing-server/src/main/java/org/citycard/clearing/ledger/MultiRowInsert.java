package org.citycard.clearing.ledger;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rows written with multi-row {@code INSERT … VALUES (…), (…), …} statements instead of a JDBC batch of one-row
 * statements: a batch is still one statement execution per row on Derby (and on PostgreSQL without the driver's
 * rewriting), each opening the table, its indexes and its foreign-key checks again and cloning its parameters; one
 * execution of many rows opens them once. The rows go in chunks of a power of two (at most {@link #MAX_CHUNK}), so a
 * table is written with at most seven distinct statement texts, which the databases' statement caches keep compiled,
 * whatever the number of rows.
 */
public final class MultiRowInsert {
    /** Rows of the largest statement: 64 (26 columns of a load make 1,664 parameters, well within both databases). */
    public static final int MAX_CHUNK = 64;

    /** Binds one row's columns from parameter index {@code first} on. */
    @FunctionalInterface
    public interface RowBinder {
        void bind(PreparedStatement ps, int first, int row) throws SQLException;
    }

    private final String head;
    private final String oneRow;
    private final int columns;
    private final String[] statements = new String[Integer.numberOfTrailingZeros(MAX_CHUNK) + 1];

    /**
     * @param head {@code INSERT INTO t (a, b, c) VALUES }
     * @param oneRow the placeholders of one row, {@code (?, ?, ?)}, or with casts where a database needs them
     */
    public MultiRowInsert(String head, String oneRow) {
        this.head = head;
        this.oneRow = oneRow;
        this.columns = (int) oneRow.chars().filter(c -> c == '?').count();
        for (int k = 0; k < statements.length; k++) {
            int rows = 1 << k;
            StringBuilder sb = new StringBuilder(head.length() + rows * (oneRow.length() + 2));
            sb.append(head);
            for (int r = 0; r < rows; r++) {
                sb.append(r == 0 ? "" : ", ").append(oneRow);
            }
            statements[k] = sb.toString();
        }
    }

    /** Inserts {@code rows} rows in the caller's transaction; returns the rows written. */
    public int insert(JdbcTemplate jdbc, int rows, RowBinder binder) {
        int written = 0;
        while (written < rows) {
            int chunk = Math.min(MAX_CHUNK, Integer.highestOneBit(rows - written));
            int from = written;
            String sql = statements[Integer.numberOfTrailingZeros(chunk)];
            Integer n = jdbc.execute(sql, (PreparedStatement ps) -> {
                for (int r = 0; r < chunk; r++) {
                    binder.bind(ps, r * columns + 1, from + r);
                }
                return ps.executeUpdate();
            });
            if (n == null || n != chunk) {
                throw new IllegalStateException(head + ": " + chunk + " rows inserted as " + n);
            }
            written += chunk;
        }
        return written;
    }

    @Override
    public String toString() {
        return head + oneRow + " × up to " + MAX_CHUNK;
    }
}
