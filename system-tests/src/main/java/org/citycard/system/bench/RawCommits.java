package org.citycard.system.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Physical baselines of DESIGN §7 v2 that no module measures itself: what the disk and Derby cost when nothing but
 * the row is written, measured the way the figure beside them is (durable commits, same machine, same run).
 *
 * <ul>
 *   <li>{@link #journalRowCommitMs}: one durable Derby commit of one row the size of the agent journal's purchase
 *       row, in a fresh embedded database (as the agent's journal is), per commit — the disk part of a tap.
 *   <li>{@link #groupCommitPerSecond}: rows the size of a load authorisation's, written in groups of as many rows
 *       as there are terminals (what the server's group commit gathers from that many terminals waiting one
 *       request each), one durable commit a group, in the benchmark server's own database — the disk part of a
 *       load authorisation.
 * </ul>
 */
public final class RawCommits {
    private RawCommits() {}

    /**
     * Milliseconds per durable commit of one journal-sized row (the agent's offline_record columns, keyed by
     * terminal and TTSN), after {@code warmup} commits not counted.
     */
    public static double journalRowCommitMs(int count, int warmup) throws SQLException, IOException {
        Path dir = Files.createTempDirectory("citycard-bench-rawjournal-");
        String url = "jdbc:derby:" + dir.resolve("db").toAbsolutePath();
        try {
            try (Connection c = DriverManager.getConnection(url + ";create=true")) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE raw_journal_row (record_type CHAR(2) NOT NULL, state VARCHAR(10) NOT NULL,"
                            + " asn CHAR(20) NOT NULL, offline_seq INT NOT NULL, terminal_id CHAR(12) NOT NULL,"
                            + " ttsn BIGINT NOT NULL, amount BIGINT NOT NULL, balance_before BIGINT NOT NULL,"
                            + " transaction_date CHAR(8) NOT NULL, transaction_time CHAR(6) NOT NULL, tac CHAR(8),"
                            + " key_version SMALLINT NOT NULL, algorithm SMALLINT NOT NULL, department CHAR(4) NOT NULL,"
                            + " payee VARCHAR(20) NOT NULL, created TIMESTAMP NOT NULL, record_data CHAR(132),"
                            + " PRIMARY KEY (terminal_id, ttsn))");
                }
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO raw_journal_row VALUES (?, 'COMPLETE', ?,"
                                + " ?, '800000000001', ?, 5, 10000, '20261121', '101010', 'AABBCCDD', 1, 0, '0101', '', ?, ?)")) {
                    String data = "0".repeat(132);
                    long start = 0;
                    for (int i = 0; i < warmup + count; i++) {
                        if (i == warmup) {
                            start = System.nanoTime();
                        }
                        ps.setString(1, "06");
                        ps.setString(2, String.format("3155%016d", 1 + i % 50));
                        ps.setInt(3, i);
                        ps.setLong(4, i + 1L);
                        ps.setTimestamp(5, new Timestamp(System.currentTimeMillis()));
                        ps.setString(6, data);
                        ps.executeUpdate();
                        c.commit();
                    }
                    return (System.nanoTime() - start) / 1e6 / count;
                }
            } finally {
                try {
                    DriverManager.getConnection(url + ";shutdown=true").close();
                } catch (SQLException e) {
                    // 08006: the database shut down, as asked
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /**
     * Rows per second of {@code rows} load-sized rows (unique by (terminal, STAN) and (ASN, online counter), as a
     * load is) written in groups of {@code group}, one durable commit a group, in {@code ds}.
     */
    public static double groupCommitPerSecond(DataSource ds, int rows, int group) throws SQLException {
        try (Connection c = ds.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE bench_group_load (terminal_id CHAR(12) NOT NULL, stan CHAR(6) NOT NULL,"
                        + " asn CHAR(20) NOT NULL, online_seq INTEGER NOT NULL, amount BIGINT NOT NULL,"
                        + " card_data VARCHAR(64) NOT NULL, status VARCHAR(12) NOT NULL, created TIMESTAMP NOT NULL,"
                        + " PRIMARY KEY (terminal_id, stan), UNIQUE (asn, online_seq))");
            }
            c.setAutoCommit(false);
            String data = "0".repeat(52);
            long start = System.nanoTime();
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO bench_group_load VALUES (?, ?, ?, 0, 100, ?, 'AUTHORISED', ?)")) {
                for (int i = 0; i < rows; i++) {
                    ps.setString(1, String.format("7%011d", i % group + 1));
                    ps.setString(2, String.format("%06d", i / group % 999_999 + 1));
                    ps.setString(3, String.format("3166%016d", i + 1));
                    ps.setString(4, data);
                    ps.setTimestamp(5, new Timestamp(System.currentTimeMillis()));
                    ps.addBatch();
                    if (i % group == group - 1 || i == rows - 1) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            c.setAutoCommit(true);
            return rows / seconds;
        }
    }
}
