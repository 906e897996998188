package org.citycard.agent.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.citycard.dictionary.record.OfflineRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path dir;

    private static OfflineRecord draft(int seq, long ttsn) {
        return OfflineRecord.of(
                "06",
                "31000000000000012345",
                seq,
                1000,
                400,
                "123456789012",
                ttsn,
                "20261121",
                "083015",
                null,
                1,
                0,
                "0201",
                "W-1");
    }

    @Test
    void completedRecordsAndBatchAssignments_surviveAReopen() {
        long a;
        long b;
        try (Journal j = Journal.open(dir.resolve("j"))) {
            a = j.beginOffline(draft(5, 102));
            j.complete(a, "CBFFB952");
            b = j.beginOffline(draft(6, 103));
            assertThat(j.assignBatch(151)).hasValue(1);
            assertThat(j.nextStan()).isEqualTo(1);
        }
        try (Journal j = Journal.open(dir.resolve("j"))) {
            assertThat(j.openBatches()).containsExactly(1);
            assertThat(j.batchRecords(1)).extracting(JournalEntry::id).containsExactly(a);
            assertThat(j.pendingFor("31000000000000012345"))
                    .extracting(JournalEntry::id)
                    .containsExactly(b);
            assertThat(j.nextStan()).isEqualTo(2);
            j.complete(b, "11223344");
            assertThat(j.assignBatch(151)).hasValue(2);
            j.batchAnswered(1, List.of("00"));
            assertThat(j.openBatches()).containsExactly(2);
            assertThat(j.find(a).orElseThrow().result()).isEqualTo("00");
        }
    }

    @Test
    void stan_wrapsFrom999999To000001_forMessagesAndLoads_andStaysWrappedAfterAReopen() throws Exception {
        try (Journal j = Journal.open(dir.resolve("wrap"))) {
            assertThat(j.nextStan()).isEqualTo(1);
            j.update0("UPDATE meta SET v = ? WHERE k = 'stan'", "999998");
            j.conn.commit();
            assertThat(j.nextStan()).isEqualTo(999_999);
            LoadEvent wrapped = j.loads()
                    .begin("31000000000000012345", 0, 100, 0, "123456789012", "0201", "20261122", "080000", "00");
            assertThat(wrapped.stan()).as("the STAN after 999999").isEqualTo(1);
            assertThat(j.nextStan()).isEqualTo(2);
        }
        try (Journal j = Journal.open(dir.resolve("wrap"))) {
            assertThat(j.nextStan()).isEqualTo(3);
        }
    }

    @Test
    void completingAnEvent_journalsTheRecordsBytes_andTheyAreWhatIsReadForUpload() throws Exception {
        try (Journal j = Journal.open(dir.resolve("bytes"))) {
            long id = j.beginOffline(draft(7, 104));
            assertThat(j.find(id).orElseThrow().tac()).isNull();
            j.complete(id, "CBFFB952");
            byte[] expected = draft(7, 104).withTac("CBFFB952").bytes();
            assertThat(j.find(id).orElseThrow().record().bytes()).isEqualTo(expected);
            // the listing columns changing afterwards does not change what is uploaded: the bytes are the record
            j.update0("UPDATE offline_record SET amount = 1, payee = 'X' WHERE id = ?", id);
            j.conn.commit();
            j.assignBatch(151);
            assertThat(j.batchRecords(1).get(0).record().bytes()).isEqualTo(expected);
            assertThat(j.batchRecords(1).get(0).record().amount()).isEqualTo(400);
        }
        try (Journal j = Journal.open(dir.resolve("bytes"))) {
            assertThat(j.batchRecords(1).get(0).record().bytes())
                    .isEqualTo(draft(7, 104).withTac("CBFFB952").bytes());
        }
    }

    @Test
    void aCompletionHeldForTheNextWrite_survivesARecordRefusedAfterIt_andIsFoldedIntoDerby() throws Exception {
        String name = "held" + System.nanoTime();
        try (Journal j = Journal.inMemory(name)) {
            OfflineRecord d = draft(1, 9);
            long id = j.beginOffline(d);
            j.completeSoon(id, d, "CBFFB952");
            // the next record is refused (same terminal sequence): the completion before it stays
            assertThatThrownBy(() -> j.beginOffline(draft(2, 9)))
                    .isInstanceOf(JournalException.class)
                    .hasMessageContaining("journaled already");
            assertThat(j.pendingFor(d.asn())).isEmpty();
            assertThat(j.awaitingUpload())
                    .as("a reader folds the tap log first")
                    .isEqualTo(1);
            try (java.sql.Connection other = java.sql.DriverManager.getConnection("jdbc:derby:memory:" + name);
                    java.sql.PreparedStatement ps =
                            other.prepareStatement("SELECT state, tac, record_data FROM offline_record WHERE id = ?")) {
                ps.setLong(1, id);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1))
                            .as("committed, seen by another connection")
                            .isEqualTo("COMPLETE");
                    assertThat(rs.getString(2)).isEqualTo("CBFFB952");
                    assertThat(rs.getString(3)).isEqualTo(d.withTac("CBFFB952").rawHex());
                }
            }
        }
    }

    @Test
    void aCompletionWithNothingAfterIt_isForcedByTheJournalItself_andSurvivesAKill() throws Exception {
        Path where = dir.resolve("flush");
        OfflineRecord d = draft(1, 11);
        long id;
        Journal j = Journal.open(where);
        id = j.beginOffline(d);
        j.completeSoon(id, d, "0A0B0C0D");
        j.awaitFlushed(); // the journal's flush forces it (no sleep here: a wait on the journal)
        j.abandon();
        try (Journal again = Journal.open(where)) {
            JournalEntry e = again.find(id).orElseThrow();
            assertThat(e.state()).isEqualTo(JournalEntry.State.COMPLETE);
            assertThat(e.tac()).isEqualTo("0A0B0C0D");
        }
    }

    @Test
    void theDaysSpending_isKeptWithEveryRecord_andAVoidIsNoLongerCounted() {
        try (Journal j = Journal.inMemory("sums" + System.nanoTime())) {
            String asn = "31000000000000012345";
            assertThat(j.amountOf(asn, "123456789012", "20261121", "06", "09")).isZero();
            long first = j.beginOffline(draft(1, 1));
            long second = j.beginOffline(draft(2, 2));
            assertThat(j.amountOf(asn, "123456789012", "20261121", "06", "09")).isEqualTo(800);
            assertThat(j.amountOf(asn, "123456789012", "20261121", "09")).isZero();
            j.completeSoon(first, draft(1, 1), "00000001");
            j.voidRecord(second);
            assertThat(j.amountOf(asn, "123456789012", "20261121", "06", "09")).isEqualTo(400);
            assertThat(j.pendingFor(asn)).isEmpty();
            long third = j.beginOffline(draft(3, 3));
            assertThat(j.pendingFor(asn)).extracting(JournalEntry::id).containsExactly(third);
            assertThat(j.amountOf(asn, "123456789012", "20261121", "06")).isEqualTo(800);
        }
    }

    @Test
    void aRecordIsCompletedOrVoidedOnce() {
        try (Journal j = Journal.inMemory("once" + System.nanoTime())) {
            long id = j.beginOffline(draft(1, 1));
            j.voidRecord(id);
            assertThatThrownBy(() -> j.complete(id, "00000000")).hasMessageContaining("not pending");
            assertThat(j.awaitingUpload()).isZero();
        }
    }

    @Test
    void sameTerminalSequenceTwice_isRefused() {
        try (Journal j = Journal.inMemory("ttsn" + System.nanoTime())) {
            j.beginOffline(draft(1, 7));
            assertThatThrownBy(() -> j.beginOffline(draft(2, 7))).isInstanceOf(JournalException.class);
        }
    }

    @Test
    void loadsLeftOpen_areReversedOrProvenAfterARestart() {
        try (Journal j = Journal.open(dir.resolve("l"))) {
            LoadEvent requested = j.loads()
                    .begin(
                            "31000000000000012345",
                            3,
                            10000,
                            1000,
                            "123456789012",
                            "0101",
                            "20261121",
                            "090000",
                            "00".repeat(16));
            LoadEvent authorised = j.loads()
                    .begin(
                            "31000000000000012345",
                            4,
                            10000,
                            1000,
                            "123456789012",
                            "0101",
                            "20261121",
                            "090000",
                            "00".repeat(16));
            j.loads().authorised(authorised.id(), "CAAF2F1E", "20261121", "090000", "000000000001");
            assertThat(j.loads().recoverAfterRestart()).isEqualTo(2);
            assertThat(j.loads().find(requested.id()).orElseThrow().state()).isEqualTo(LoadEvent.State.REVERSAL_DUE);
            assertThat(j.loads().uncertainFor("31000000000000012345"))
                    .extracting(LoadEvent::id)
                    .containsExactly(authorised.id());
        }
    }

    @Test
    void secondProcessOnTheSameJournal_getsAClearError() throws Exception {
        try (Journal j = Journal.open(dir.resolve("busy"))) {
            Process p = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            OpenJournal.class.getName(),
                            dir.resolve("busy").toString())
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor()).isEqualTo(3);
            assertThat(out).contains("open in another agent process");
        }
    }

    /** Opens a journal in a second JVM. */
    public static final class OpenJournal {
        public static void main(String[] args) {
            try (Journal j = Journal.open(Path.of(args[0]))) {
                System.exit(0);
            } catch (JournalException e) {
                System.out.println(e.getMessage());
                System.exit(3);
            }
        }
    }
}
