package org.citycard.agent.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.citycard.agent.iso.HostLink;
import org.citycard.agent.iso.IsoException;
import org.citycard.agent.journal.Journal;
import org.citycard.agent.testing.Hosts;
import org.citycard.agent.testing.TestIsoHost;
import org.citycard.agent.testing.TestIsoHost.Fault;
import org.citycard.dictionary.record.OfflineRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UploaderTest {
    private static final AtomicInteger DB = new AtomicInteger();
    private TestIsoHost host;
    private Journal journal;
    private HostLink link;

    @BeforeEach
    void setUp() {
        host = TestIsoHost.start();
        journal = Journal.inMemory("uploader" + DB.incrementAndGet());
        link = Hosts.link(host, journal, Duration.ofMillis(800));
    }

    @AfterEach
    void tearDown() {
        link.close();
        host.close();
        journal.close();
    }

    private void purchases(int n) {
        for (int i = 0; i < n; i++) {
            long ttsn = 1000 + i + journal.all().size();
            long id = journal.beginOffline(OfflineRecord.of(
                    "06",
                    "3100000000000001" + String.format("%04d", i % 50),
                    (int) ttsn,
                    10_000,
                    100,
                    Hosts.TERMINAL,
                    ttsn,
                    "20261121",
                    "083015",
                    null,
                    1,
                    0,
                    "0101",
                    "BILL" + i));
            journal.complete(id, "CBFFB952");
        }
    }

    @Test
    void upload_sendsBatchesOfAtMost151_andEveryRecordIsStoredOnce() throws Exception {
        purchases(400);
        Uploader.Pass p = new Uploader(journal, link).drainOnce();
        assertThat(p.batches()).isEqualTo(3);
        assertThat(p.records()).isEqualTo(400);
        assertThat(host.storedRecords()).hasSize(400);
        assertThat(host.recordsInTwoBatches()).isEmpty();
        assertThat(journal.awaitingUpload()).isZero();
        assertThat(p.reconciled()).containsExactly("20261121:00");
        assertThat(new Uploader(journal, link).drainOnce().idle()).isTrue();
    }

    @Test
    void upload_whenAnswerLost_resendsTheSameBatchAndTheHostAnswersFromItsStore() throws Exception {
        purchases(10);
        host.inject("0320", Fault.RESET_AFTER_STORE, 1);
        Uploader up = new Uploader(journal, link);
        assertThatThrownBy(up::drainOnce).isInstanceOf(IsoException.class);
        assertThat(journal.openBatches()).containsExactly(1);
        up.drainOnce();
        assertThat(host.batchCount()).isEqualTo(1);
        assertThat(host.storedRecords()).hasSize(10);
        assertThat(host.recordsInTwoBatches()).isEmpty();
        assertThat(journal.awaitingUpload()).isZero();
    }

    @Test
    void upload_whenHostSilentThenLate_discardsTheLateAnswerAndRecovers() throws Exception {
        purchases(5);
        host.inject("0320", Fault.SILENT, 1);
        Uploader up = new Uploader(journal, link);
        assertThatThrownBy(up::drainOnce).isInstanceOf(IsoException.class).hasMessageContaining("no answer to 0320");
        host.lateBy(1200);
        host.inject("0320", Fault.LATE, 1);
        assertThatThrownBy(up::drainOnce).isInstanceOf(IsoException.class);
        Thread.sleep(600);
        up.drainOnce();
        assertThat(host.storedRecords()).hasSize(5);
        assertThat(host.recordsInTwoBatches()).isEmpty();
        assertThat(journal.awaitingUpload()).isZero();
    }

    @Test
    void upload_whenServerGoneAndBack_keepsEverythingAndUploadsLater() throws Exception {
        purchases(3);
        host.stop();
        Uploader up = new Uploader(journal, link);
        assertThatThrownBy(up::drainOnce).isInstanceOf(IsoException.class).hasMessageContaining("cannot reach");
        purchases(2);
        host.listen();
        up.drainOnce();
        assertThat(host.storedRecords()).hasSize(5);
        assertThat(journal.awaitingUpload()).isZero();
    }

    @Test
    void storeAndForward_retriesWithBackoffUntilTheHostIsBack() throws Exception {
        host.stop();
        purchases(4);
        try (StoreAndForward saf = new StoreAndForward(new Uploader(journal, link), 50, new Backoff(20, 200)).start()) {
            saf.awaitPass(2000);
            assertThat(saf.failures()).isPositive();
            assertThat(journal.awaitingUpload()).isEqualTo(4);
            host.listen();
            long deadline = System.currentTimeMillis() + 10_000;
            while (journal.awaitingUpload() > 0 && System.currentTimeMillis() < deadline) {
                saf.awaitPass(1000);
            }
        }
        assertThat(host.storedRecords()).hasSize(4);
    }

    @Test
    void batchNumberKnownWithOtherRecords_movesTheRecordsToAFreshNumber() throws Exception {
        purchases(3);
        new Uploader(journal, link).drainOnce();
        // a second journal for the same terminal starts its numbering again at 1
        try (Journal fresh = Journal.inMemory("uploader-fresh" + DB.incrementAndGet());
                HostLink freshLink = Hosts.link(host, fresh, Duration.ofMillis(800))) {
            long id = fresh.beginOffline(OfflineRecord.of(
                    "06",
                    "31000000000000099999",
                    1,
                    1_000,
                    100,
                    Hosts.TERMINAL,
                    9_999,
                    "20261121",
                    "090000",
                    null,
                    1,
                    0,
                    "0101",
                    ""));
            fresh.complete(id, "01020304");
            Uploader.Pass p = new Uploader(fresh, freshLink).drainOnce();
            assertThat(p.records()).isEqualTo(1);
            assertThat(fresh.find(id).orElseThrow().batchNo()).isEqualTo(2);
            assertThat(fresh.awaitingUpload()).isZero();
        }
        assertThat(host.storedRecords()).hasSize(4);
    }

    @Test
    void aRefusedItem_doesNotHoldBackTheOthers() throws Exception {
        purchases(2);
        var load = journal.loads()
                .begin(
                        "31000000000000012345",
                        3,
                        100,
                        0,
                        Hosts.TERMINAL,
                        "0101",
                        "20261121",
                        "090000",
                        "00".repeat(16));
        journal.loads().authorised(load.id(), "00000000", "20261121", "090000", "1");
        journal.loads().credited(load.id(), "00000000"); // the host never authorised it: 25 every time
        assertThatThrownBy(new Uploader(journal, link)::drainOnce).hasMessageContaining("completion of load");
        assertThat(host.storedRecords()).hasSize(2);
        assertThat(journal.loads().find(load.id()).orElseThrow().state())
                .isEqualTo(org.citycard.agent.journal.LoadEvent.State.CREDITED);
    }

    @Test
    void signOn_andEcho_carryTheVersions() throws Exception {
        host.versions("00000007", "00000003");
        assertThat(link.signOn()).isEqualTo(new HostLink.Versions("00000007", "00000003"));
        assertThat(link.echo().hotlist()).isEqualTo("00000007");
    }

    @Test
    void beforeAnySignOn_theFirstUploadSignsOnFirst() throws Exception {
        purchases(3);
        assertThat(link.keys().signedOn()).isFalse();
        Uploader.Pass p = new Uploader(journal, link).drainOnce();
        assertThat(p.records()).isEqualTo(3);
        assertThat(host.signOns()).isEqualTo(1);
        assertThat(link.keys().signedOn()).isTrue();
    }

    @Test
    void aRetiredWorkingKey_A0_isObeyed_signOnAndResend_andEveryRecordIsStoredOnce() throws Exception {
        purchases(10);
        link.signOn();
        String before = link.keys().checkValue();
        host.retireWorkingKeys();
        Uploader.Pass p = new Uploader(journal, link).drainOnce();
        assertThat(p.records()).isEqualTo(10);
        assertThat(host.signOns()).isEqualTo(2);
        assertThat(link.keys().checkValue()).isNotEqualTo(before);
        assertThat(host.storedRecords()).hasSize(10);
        assertThat(host.recordsInTwoBatches()).isEmpty();
        assertThat(journal.awaitingUpload()).isZero();
    }

    @Test
    void aHostThatLostTheWorkingKey_answers63_andTheAgentSignsOnAgain_losingNothing() throws Exception {
        purchases(5);
        link.signOn();
        host.forgetWorkingKeys();
        Uploader.Pass p = new Uploader(journal, link).drainOnce();
        assertThat(p.records()).isEqualTo(5);
        assertThat(host.signOns()).isEqualTo(2);
        assertThat(host.storedRecords()).hasSize(5);
        assertThat(journal.awaitingUpload()).isZero();
    }

    @Test
    void wrongKey_isRefusedByTheHostWithAClearMessage() {
        var cfg = new org.citycard.agent.iso.IsoConfig(
                "127.0.0.1", host.port(), Duration.ofSeconds(1), Duration.ofSeconds(2));
        try (HostLink bad = new HostLink(
                new org.citycard.agent.iso.IsoClient(
                        cfg,
                        new org.citycard.agent.iso.WorkingKeys(
                                org.citycard.dictionary.crypto.TerminalKey.of(Hosts.TERMINAL, new byte[16]))),
                Hosts.TERMINAL,
                journal::nextStan)) {
            assertThatThrownBy(bad::signOn)
                    .isInstanceOf(IsoException.class)
                    .hasMessageContaining("63")
                    .hasMessageContaining("terminal-keys");
        }
    }
}
