package org.citycard.agent.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.citycard.dictionary.record.OfflineRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal written by an agent before the columns took the dictionary's names (seq, tx_date, tx_time) opens with
 * its records intact and the columns renamed (offline_seq, transaction_date, transaction_time).
 */
class JournalUpgradeTest {
    @TempDir
    Path dir;

    @Test
    void aJournalWithTheOldColumnNames_isRenamed_andKeepsItsRecords() throws Exception {
        Path j = dir.resolve("j");
        long id;
        try (Journal journal = Journal.open(j)) {
            id = journal.beginOffline(OfflineRecord.of(
                    "06",
                    "31000000000000012345",
                    7,
                    1000,
                    400,
                    "123456789012",
                    102,
                    "20261121",
                    "083015",
                    null,
                    1,
                    0,
                    "0201",
                    "W-1"));
            journal.complete(id, "CBFFB952");
        }
        String url = "jdbc:derby:" + j.toAbsolutePath();
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            // the journal as an earlier agent left it
            s.execute("RENAME COLUMN offline_record.offline_seq TO seq");
            s.execute("RENAME COLUMN offline_record.transaction_date TO tx_date");
            s.execute("RENAME COLUMN offline_record.transaction_time TO tx_time");
        }
        shutdown(url);

        try (Journal journal = Journal.open(j)) {
            JournalEntry e = journal.find(id).orElseThrow();
            assertThat(e.tac()).isEqualTo("CBFFB952");
            assertThat(journal.totals("20261121").debits()).isEqualTo(1);
        }
        try (Connection c = DriverManager.getConnection(url);
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT offline_seq, transaction_date, transaction_time FROM offline_record")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(7);
            assertThat(rs.getString(2)).isEqualTo("20261121");
            assertThat(rs.getString(3)).isEqualTo("083015");
        }
        shutdown(url);
    }

    @Test
    void aJournalWhoseIndexesHeldTheState_getsThemWithoutIt_andKeepsItsRecords() throws Exception {
        Path j = dir.resolve("idx");
        long id;
        try (Journal journal = Journal.open(j)) {
            id = journal.beginOffline(OfflineRecord.of(
                    "06",
                    "31000000000000012345",
                    7,
                    1000,
                    400,
                    "123456789012",
                    102,
                    "20261121",
                    "083015",
                    null,
                    1,
                    0,
                    "0201",
                    "W-1"));
        }
        String url = "jdbc:derby:" + j.toAbsolutePath();
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            // the indexes as an earlier agent made them
            s.execute("DROP INDEX offline_record_asn");
            s.execute("DROP INDEX offline_record_batch");
            s.execute("CREATE INDEX offline_record_asn ON offline_record (asn, state)");
            s.execute("CREATE INDEX offline_record_batch ON offline_record (batch_no, state)");
        }
        shutdown(url);

        try (Journal journal = Journal.open(j)) {
            assertThat(journal.pendingFor("31000000000000012345"))
                    .extracting(JournalEntry::id)
                    .containsExactly(id);
        }
        try (Connection c = DriverManager.getConnection(url);
                ResultSet rs = c.getMetaData().getIndexInfo(null, null, "OFFLINE_RECORD", false, false)) {
            java.util.List<String> columns = new java.util.ArrayList<>();
            while (rs.next()) {
                String index = rs.getString("INDEX_NAME");
                if (index.startsWith("OFFLINE_RECORD_")) {
                    columns.add(index + "." + rs.getString("COLUMN_NAME"));
                }
            }
            assertThat(columns).containsExactlyInAnyOrder("OFFLINE_RECORD_ASN.ASN", "OFFLINE_RECORD_BATCH.BATCH_NO");
        }
        shutdown(url);
    }

    private static void shutdown(String url) {
        try {
            DriverManager.getConnection(url + ";shutdown=true").close();
        } catch (java.sql.SQLException expected) {
            // 08006: a clean shutdown
        }
    }
}
