package org.citycard.agent.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.citycard.agent.iso.IsoConfig;
import org.citycard.agent.purse.PurchaseRequest;
import org.citycard.agent.purse.PurseCard;
import org.citycard.agent.runtime.TerminalAgent;
import org.citycard.agent.session.AgentEvent;
import org.citycard.agent.session.TapRequest;
import org.citycard.agent.simulate.SimulatedCards;
import org.citycard.agent.testing.TestIsoHost;
import org.citycard.cardlink.ApduTransport;
import org.citycard.cardlink.command.GetBalance;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.record.OfflineRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tap log (the tap's write-ahead file beside the Derby journal): a kill after the PENDING append and before the
 * fold is replayed at the next open and proven by the card's next tap; a torn last record is dropped, a damaged one
 * before sound records refused; replay is idempotent. Real applets in jCardSim, real Derby.
 */
class TapLogTest {
    private static final String TERMINAL = "123456789012";

    @TempDir
    Path dir;

    private static OfflineRecord draft(int seq, long ttsn) {
        return OfflineRecord.of(
                "06",
                "31000000000000054321",
                seq,
                5000,
                300,
                TERMINAL,
                ttsn,
                "20261121",
                "083015",
                null,
                1,
                0,
                "0201",
                "T-1");
    }

    @Test
    void aKillAfterThePendingAppend_beforeTheFold_isReplayed_provenByTheCardsNextTap_debitedAndUploadedOnce()
            throws Exception {
        SimulatedCards sim = new SimulatedCards(Algorithm.TDES);
        ApduTransport card = sim.citizen("31000000000000077001", 10_000, "999999999999");
        ApduTransport psam = sim.psam(TERMINAL);
        Path journalDir = dir.resolve("journal");
        Path log = Journal.tapLogOf(journalDir);
        Journal dying = Journal.open(journalDir);
        TerminalAgent first = agent(psam, dying, 9).build();
        AgentEvent proven;
        AgentEvent lost;
        // the journal's lock held throughout: neither its folder nor its flush runs before the kill
        synchronized (dying) {
            first.taps().arm(pay(first));
            proven = first.tap(card);
            first.taps().arm(pay(first));
            lost = first.tap(card); // its record forced with the first tap's completion; its own TAC only buffered
            JournalKill.kill(dying);
        }
        first.close();
        assertThat(proven.type()).isEqualTo("receipt");
        assertThat(lost.type()).isEqualTo("receipt");
        assertThat(recordsIn(log)).as("the records are in the tap log").isEqualTo(3);
        byte[] asKilled = Files.readAllBytes(log);

        List<JournalEntry> replayed;
        try (Journal j = Journal.open(journalDir)) {
            replayed = j.all();
        }
        assertThat(replayed)
                .extracting(JournalEntry::state)
                .containsExactly(JournalEntry.State.COMPLETE, JournalEntry.State.PENDING);
        assertThat(recordsIn(log)).as("emptied once replayed").isZero();
        // the same log replayed again (a kill before it was emptied): nothing changes, nothing doubles
        Files.write(log, asKilled);

        try (TestIsoHost host = TestIsoHost.start();
                Journal j = Journal.open(journalDir);
                TerminalAgent second = agent(psam, j, host.port()).build().start()) {
            // the agent has started: its uploader may already have put the complete record in a batch
            assertThat(j.all())
                    .extracting(JournalEntry::id, JournalEntry::state, JournalEntry::record)
                    .isEqualTo(replayed.stream()
                            .map(e -> org.assertj.core.groups.Tuple.tuple(e.id(), e.state(), e.record()))
                            .toList());
            second.taps().arm(pay(second));
            AgentEvent again = second.tap(card);
            assertThat(again.data().get("recovered")).isEqualTo(true);
            assertThat(again.data().get("tac")).isEqualTo(lost.data().get("tac"));
            assertThat(second.drain(30_000)).isTrue();
            assertThat(j.all()).hasSize(2).allSatisfy(e -> assertThat(e.state())
                    .isEqualTo(JournalEntry.State.COMPLETE));
            assertThat(host.storedRecords())
                    .as("each purchase on the server once")
                    .hasSize(2);
            assertThat(host.recordsInTwoBatches()).isEmpty();
        }
        PurseCard.select(card);
        assertThat(GetBalance.send(card)).as("two purchases, each debited once").isEqualTo(10_000L - 2 * 250);
    }

    @Test
    void aTornLastRecord_isDroppedWithALogLine_andNothingBeforeItIsLost() throws Exception {
        Path journalDir = dir.resolve("torn");
        Path log = Journal.tapLogOf(journalDir);
        long[] ids = threeRecordsLeftInTheLog(journalDir);
        byte[] torn = Files.readAllBytes(log);
        long end;
        long epoch;
        try (TapLog read = TapLog.open(log)) {
            end = read.end();
            epoch = java.nio.ByteBuffer.wrap(torn, TapLog.MAGIC.length, 8).getLong();
        }
        // a fourth record whose write was torn: its first 30 bytes reached the disk
        byte[] fourth = frame(epoch, TapLog.BEGIN, ids[2] + 1, draft(4, 904).raw());
        System.arraycopy(fourth, 0, torn, (int) end, 30);
        Files.write(log, torn);

        List<String> warnings = new ArrayList<>();
        Logger jul = Logger.getLogger(TapLog.class.getName());
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                warnings.add(r.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        jul.addHandler(h);
        try (Journal j = Journal.open(journalDir)) {
            assertThat(j.all()).extracting(JournalEntry::id).containsExactly(ids[0], ids[1], ids[2]);
            assertThat(j.find(ids[0]).orElseThrow().tac()).isEqualTo("11223344");
            assertThat(j.pendingFor(draft(1, 1).asn()))
                    .extracting(JournalEntry::id)
                    .containsExactly(ids[1], ids[2]);
        } finally {
            jul.removeHandler(h);
        }
        assertThat(warnings)
                .anySatisfy(m ->
                        assertThat(m).contains("torn record at offset " + end).contains(log.toString()));
    }

    @Test
    void aDamagedRecordBeforeSoundOnes_isRefused_namingTheFileTheOffsetAndTheRule() throws Exception {
        Path journalDir = dir.resolve("damaged");
        Path log = Journal.tapLogOf(journalDir);
        threeRecordsLeftInTheLog(journalDir);
        byte[] bytes = Files.readAllBytes(log);
        int second = TapLog.HEADER + TapLog.FRAME + TapLog.PREFIX + OfflineRecord.SIZE; // the first is a BEGIN
        bytes[second + TapLog.FRAME + 12] ^= 0x01; // one bit of the second record (the first one's completion)
        Files.write(log, bytes);

        assertThatThrownBy(() -> Journal.open(journalDir))
                .isInstanceOf(JournalException.class)
                .hasMessageContaining(log.toString())
                .hasMessageContaining("offset " + second)
                .hasMessageContaining("CRC32C mismatch")
                .hasMessageContaining("only a torn last record");
        assertThat(Files.readAllBytes(log)).as("the file is left as it is").isEqualTo(bytes);
    }

    @Test
    void replayingTheSameLogTwice_changesNothingTheSecondTime() throws Exception {
        Path journalDir = dir.resolve("twice");
        Path log = Journal.tapLogOf(journalDir);
        long[] ids = threeRecordsLeftInTheLog(journalDir);
        byte[] bytes = Files.readAllBytes(log);
        List<JournalEntry> once;
        try (Journal j = Journal.open(journalDir)) {
            once = j.all();
        }
        Files.write(log, bytes);
        try (Journal j = Journal.open(journalDir)) {
            assertThat(j.all()).isEqualTo(once).extracting(JournalEntry::id).containsExactly(ids[0], ids[1], ids[2]);
            assertThat(j.pendingCount()).isEqualTo(2);
            long next = j.beginOffline(draft(5, 905));
            assertThat(next).as("a new id after the replayed ones").isGreaterThan(ids[2]);
        }
    }

    /** Three records in the tap log and none folded (the first completed, the others pending): then a kill. */
    private static long[] threeRecordsLeftInTheLog(Path journalDir) throws Exception {
        Journal j = Journal.open(journalDir);
        long[] ids = new long[3];
        synchronized (j) {
            ids[0] = j.beginOffline(draft(1, 901));
            j.completeSoon(ids[0], draft(1, 901), "11223344");
            ids[1] = j.beginOffline(draft(2, 902));
            ids[2] = j.beginOffline(draft(3, 903));
            j.abandon();
        }
        return ids;
    }

    /** How many records the tap log holds (read as the journal's open reads it). */
    private static int recordsIn(Path log) {
        try (TapLog read = TapLog.open(log)) {
            return read.recovered().size();
        }
    }

    /** One record as the log frames it. */
    private static byte[] frame(long epoch, byte kind, long id, byte[] body) {
        int len = TapLog.PREFIX + body.length;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(TapLog.FRAME + len);
        b.putInt(len).putInt(0).putLong(epoch).put(kind).putLong(id).put(body);
        java.util.zip.CRC32C c = new java.util.zip.CRC32C();
        c.update(b.array(), 0, 4);
        c.update(b.array(), TapLog.FRAME, len);
        b.putInt(4, (int) c.getValue());
        return b.array();
    }

    private static TerminalAgent.Builder agent(ApduTransport psam, Journal journal, int port) {
        return TerminalAgent.builder()
                .psam(psam)
                .journal(journal)
                .terminalId(TERMINAL)
                .iso(new IsoConfig("127.0.0.1", port, Duration.ofSeconds(1), Duration.ofSeconds(2)))
                .demoTerminalKey();
    }

    private static TapRequest pay(TerminalAgent agent) {
        return new TapRequest.Pay(new PurchaseRequest(250, agent.department(), "GAS-1", null));
    }
}
