package org.citycard.agent.journal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's embedded Derby database (plain JDBC): opens or creates it and its schema. Derby commits are
 * durable (the log is forced to disk at commit), which is what "durable before the result is shown" rests on.
 * One process at a time may open a journal directory; a second gets a clear error.
 */
public final class JournalDatabase implements AutoCloseable {
    private static final String SCHEMA_HOTLIST_IMAGE =
            "CREATE TABLE hotlist_image (k SMALLINT PRIMARY KEY, entries BLOB(16M) NOT NULL)";
    private static final String INDEX_ASN = "CREATE INDEX offline_record_asn ON offline_record (asn)";
    private static final String INDEX_BATCH = "CREATE INDEX offline_record_batch ON offline_record (batch_no)";
    private static final String[] SCHEMA = {
        "CREATE TABLE meta (k VARCHAR(40) PRIMARY KEY, v VARCHAR(200) NOT NULL)",
        // Offline money events (purchases, compound purchases) and hotlist blocks: the 0320 upload records.
        "CREATE TABLE offline_record ("
                + " id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                + " record_type CHAR(2) NOT NULL, state VARCHAR(10) NOT NULL,"
                + " asn CHAR(20) NOT NULL, offline_seq INT NOT NULL, terminal_id CHAR(12) NOT NULL, ttsn BIGINT NOT NULL,"
                + " amount BIGINT NOT NULL, balance_before BIGINT NOT NULL,"
                + " transaction_date CHAR(8) NOT NULL, transaction_time CHAR(6) NOT NULL, tac CHAR(8),"
                + " key_version SMALLINT NOT NULL, algorithm SMALLINT NOT NULL,"
                + " department CHAR(4) NOT NULL, payee VARCHAR(20) NOT NULL,"
                + " batch_no INT, result CHAR(2), created TIMESTAMP NOT NULL, record_data CHAR(132),"
                + " UNIQUE (terminal_id, ttsn))",
        // neither index holds the state: a purchase's completion (PENDING → COMPLETE, once a tap) then changes no
        // index, only its row; a card's rows and a batch's rows are few, the state is checked on them
        INDEX_ASN,
        INDEX_BATCH,
        "CREATE TABLE upload_batch ("
                + " batch_no INT PRIMARY KEY, state VARCHAR(10) NOT NULL, record_count INT NOT NULL,"
                + " created TIMESTAMP NOT NULL, sent_count INT NOT NULL, answered TIMESTAMP)",
        // Online loads: one row a load, its state machine and the advice (0220) or reversal (0400) it owes.
        "CREATE TABLE load_event ("
                + " id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, state VARCHAR(16) NOT NULL,"
                + " asn CHAR(20) NOT NULL, online_seq INT NOT NULL, amount BIGINT NOT NULL,"
                + " balance_before BIGINT NOT NULL, terminal_id CHAR(12) NOT NULL, department CHAR(4) NOT NULL,"
                + " stan INT NOT NULL, req_date CHAR(8) NOT NULL, req_time CHAR(6) NOT NULL,"
                + " init_data CHAR(32) NOT NULL, mac2 CHAR(8), host_date CHAR(8), host_time CHAR(6),"
                + " rrn VARCHAR(12), response_code CHAR(2), tac CHAR(8), created TIMESTAMP NOT NULL)",
        "CREATE INDEX load_event_state ON load_event (state)",
        "CREATE TABLE hotlist (asn CHAR(20) PRIMARY KEY)",
        // The hotlist in its compact form (layout hotlist_compact_entry, sorted): the copy taps are checked against.
        SCHEMA_HOTLIST_IMAGE,
        "CREATE TABLE parameter (k VARCHAR(60) PRIMARY KEY, v VARCHAR(2000) NOT NULL)",
        "CREATE TABLE reconciliation ("
                + " business_date CHAR(8) PRIMARY KEY, response_code CHAR(2), answered TIMESTAMP)",
        // The free rides of concession cards, counted per card and day (agent/purse FareRules).
        FreeRides.SCHEMA,
        FreeRides.INDEX,
    };

    /** Derby's boot banner of in-memory journals goes nowhere; file journals log to derby.log beside them. */
    public static final java.io.OutputStream QUIET = java.io.OutputStream.nullOutputStream();

    private final String url;
    private final List<Connection> opened = new ArrayList<>();

    private JournalDatabase(String url) {
        this.url = url;
    }

    /** Opens (creating when missing) the journal in {@code dir}. */
    public static JournalDatabase open(Path dir) {
        try {
            Files.createDirectories(dir.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new JournalException(
                    "cannot create the parent of the journal directory " + dir + ": " + e.getMessage(), e);
        }
        if (System.getProperty("derby.stream.error.file") == null
                && System.getProperty("derby.stream.error.field") == null) {
            System.setProperty(
                    "derby.stream.error.file",
                    dir.toAbsolutePath().getParent().resolve("derby.log").toString());
        }
        return init(new JournalDatabase("jdbc:derby:" + dir.toAbsolutePath() + ";create=true"), dir.toString());
    }

    /** A journal in memory only, for tests and benchmarks that say so. */
    public static JournalDatabase inMemory(String name) {
        if (System.getProperty("derby.stream.error.field") == null
                && System.getProperty("derby.stream.error.file") == null) {
            System.setProperty("derby.stream.error.field", JournalDatabase.class.getName() + ".QUIET");
        }
        return init(new JournalDatabase("jdbc:derby:memory:" + name + ";create=true"), "memory:" + name);
    }

    private static JournalDatabase init(JournalDatabase db, String where) {
        try (Connection c = DriverManager.getConnection(db.url)) {
            if (!c.getMetaData().getTables(null, null, "META", null).next()) {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    for (String ddl : SCHEMA) {
                        s.execute(ddl);
                    }
                }
                c.commit();
                return db;
            }
            if (!c.getMetaData().getTables(null, null, "HOTLIST_IMAGE", null).next()) {
                // a journal made before the compact hotlist: its rows become the image when first read
                try (Statement s = c.createStatement()) {
                    s.execute(SCHEMA_HOTLIST_IMAGE);
                }
            }
            upgrade(c);
            FreeRides.ensure(c);
            return db;
        } catch (SQLException e) {
            if ("XSDB6".equals(rootState(e))) {
                throw new JournalException(
                        "the journal " + where
                                + " is open in another agent process; stop it or use another --journal directory",
                        e);
            }
            throw new JournalException("cannot open the journal " + where + ": " + e.getMessage(), e);
        }
    }

    /** Brings a journal made by an earlier agent up to this schema; its records stay as they were. */
    private static void upgrade(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (!column(c, "RECORD_DATA")) {
                // a journal made before the record's bytes were journaled: complete events without them are
                // encoded from their fields when uploaded, as they were then
                s.execute("ALTER TABLE offline_record ADD COLUMN record_data CHAR(132)");
            }
            // one name per field (the dictionary's): offline_seq, transaction_date, transaction_time
            if (column(c, "SEQ")) {
                s.execute("RENAME COLUMN offline_record.seq TO offline_seq");
            }
            if (column(c, "TX_DATE")) {
                s.execute("RENAME COLUMN offline_record.tx_date TO transaction_date");
            }
            if (column(c, "TX_TIME")) {
                s.execute("RENAME COLUMN offline_record.tx_time TO transaction_time");
            }
            // indexes made when they held the state (asn, state) and (batch_no, state): without it
            if (indexHolds(c, "OFFLINE_RECORD_ASN", "STATE")) {
                s.execute("DROP INDEX offline_record_asn");
                s.execute(INDEX_ASN);
            }
            if (indexHolds(c, "OFFLINE_RECORD_BATCH", "STATE")) {
                s.execute("DROP INDEX offline_record_batch");
                s.execute(INDEX_BATCH);
            }
        }
    }

    private static boolean indexHolds(Connection c, String index, String column) throws SQLException {
        try (java.sql.ResultSet rs = c.getMetaData().getIndexInfo(null, null, "OFFLINE_RECORD", false, false)) {
            while (rs.next()) {
                if (index.equalsIgnoreCase(rs.getString("INDEX_NAME"))
                        && column.equalsIgnoreCase(rs.getString("COLUMN_NAME"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean column(Connection c, String name) throws SQLException {
        try (java.sql.ResultSet rs = c.getMetaData().getColumns(null, null, "OFFLINE_RECORD", name)) {
            return rs.next();
        }
    }

    private static String rootState(SQLException e) {
        SQLException s = e;
        while (s != null) {
            if ("XSDB6".equals(s.getSQLState())) {
                return "XSDB6";
            }
            s = s.getNextException() != null
                    ? s.getNextException()
                    : s.getCause() instanceof SQLException next ? next : null;
        }
        return e.getSQLState();
    }

    /** A new connection (autocommit off); closed with the database. One per component and thread. */
    public synchronized Connection connect() {
        try {
            Connection c = DriverManager.getConnection(url);
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            opened.add(c);
            return c;
        } catch (SQLException e) {
            throw new JournalException("cannot connect to the journal: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        for (Connection c : opened) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        opened.clear();
        String shutdown = url.replace(";create=true", "") + ";shutdown=true";
        try {
            DriverManager.getConnection(shutdown).close();
        } catch (SQLException expected) {
            // Derby reports a clean database shutdown as SQLState 08006
        }
    }
}
