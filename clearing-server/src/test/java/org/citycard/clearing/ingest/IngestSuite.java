package org.citycard.clearing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.citycard.clearing.ClearingServerApplication;
import org.citycard.clearing.ledger.LedgerQueries;
import org.citycard.clearing.load.LoadAuthoriser;
import org.citycard.clearing.load.LoadCompletion;
import org.citycard.clearing.load.LoadMessages;
import org.citycard.clearing.reference.HotlistService;
import org.citycard.clearing.reference.ReferenceService;
import org.citycard.clearing.support.TestData;
import org.citycard.clearing.testing.HostCardModel;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.dictionary.record.OfflineRecord;
import org.citycard.dictionary.wire.QuarantineReason;
import org.citycard.dictionary.wire.ResponseCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Ingest of offline records against a real database: what is accepted is posted once, what breaks a check is
 * quarantined with its reason and never posted. Run on Derby and on PostgreSQL by the subclasses.
 */
abstract class IngestSuite {
    static final KeySet KEYS = KeySet.demo();

    @Autowired
    IngestService ingest;

    @Autowired
    LoadAuthoriser authoriser;

    @Autowired
    LoadCompletion completion;

    @Autowired
    ReferenceService reference;

    @Autowired
    HotlistService hotlist;

    @Autowired
    LedgerQueries ledger;

    @Autowired
    ReconciliationService reconciliation;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PurchaseRepository purchaseRows;

    @Autowired
    Environment env;

    TestData data;
    String department;
    String terminal;
    long ttsn;
    int batch;
    int stan;

    @BeforeEach
    void fixtures() {
        data = new TestData(reference);
        department = data.department(30);
        terminal = data.terminal(department);
        ttsn = 100;
        batch = 0;
        stan = 0;
    }

    // ------------------------------------------------------------------ helpers

    HostCardModel loadedCard(long amount) {
        HostCardModel card = new HostCardModel(KEYS, data.card(), 0, 0, 0);
        load(card, amount);
        return card;
    }

    void load(HostCardModel card, long amount) {
        String[] now = TestData.dateTime(0);
        String s = String.format("%06d", ++stan);
        LoadMessages.AuthorisationAnswer a = authoriser.authorise(new LoadMessages.Authorisation(
                terminal,
                s,
                card.asn(),
                "600000",
                amount,
                now[0],
                now[1],
                department,
                card.initializeForLoad(amount, terminal)));
        assertThat(a.code()).isEqualTo(ResponseCode.APPROVED);
        byte[] tac = card.creditForLoad(a.hostData());
        assertThat(completion.complete(
                        new LoadMessages.Completion(terminal, s, now[0], card.asn(), amount, a.rrn(), tac)))
                .isEqualTo(ResponseCode.APPROVED);
    }

    byte[] purchase(HostCardModel card, long amount) {
        return purchase(card, amount, terminal, 0);
    }

    byte[] purchase(HostCardModel card, long amount, String atTerminal, long plusSeconds) {
        String[] t = TestData.dateTime(plusSeconds);
        return card.purchase(amount, atTerminal, ++ttsn, t[0], t[1], department, "BILL-1");
    }

    BatchResult upload(byte[]... records) {
        return upload(String.format("%06d", ++batch), records);
    }

    BatchResult upload(String number, byte[]... records) {
        return uploadAs(terminal, number, records);
    }

    /** A batch uploaded by {@code uploader}, whoever made its records. */
    BatchResult uploadAs(String uploader, String number, byte[]... records) {
        IngestService.Outcome o =
                ingest.ingest(new BatchUpload(uploader, number, "000001", records.length, concat(records)));
        assertThat(o).isInstanceOf(IngestService.Outcome.Done.class);
        return ((IngestService.Outcome.Done) o).result();
    }

    static byte[] concat(byte[]... records) {
        byte[] all = new byte[records.length * OfflineRecord.SIZE];
        for (int i = 0; i < records.length; i++) {
            System.arraycopy(records[i], 0, all, i * OfflineRecord.SIZE, OfflineRecord.SIZE);
        }
        return all;
    }

    long purchasesOf(String asn) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM purchase WHERE asn = ?", Long.class, asn);
    }

    List<String> reasons(String asn) {
        return jdbc.queryForList("SELECT reason FROM quarantine WHERE asn = ? ORDER BY id", String.class, asn);
    }

    void assertLedgerSound() {
        LedgerQueries.TrialBalance tb = ledger.trialBalance();
        assertThat(tb.balanced())
                .as("debits = credits, every journal balanced: %s", tb)
                .isTrue();
        assertThat(tb.cardsWithNegativeFloat()).isZero();
    }

    // ------------------------------------------------------------------ tests

    /**
     * A full batch (the most records field 63 holds) over many cards is stored whole: on PostgreSQL the purchases
     * and the cards' chains are written as multi-row statements of 64, 16, 4 and 1 rows (issue 23), so a batch of
     * 151 records over 70 cards goes through every chunk size of both; on Derby as JDBC batches. Every purchase is a
     * row, every chain stands where its card does, and a second batch on the same cards follows on from there.
     */
    @Test
    void aFullBatchOverManyCards_storesEveryPurchaseAndEveryChain_whateverChunksItIsWrittenIn() {
        List<HostCardModel> cards = new java.util.ArrayList<>();
        for (int i = 0; i < 70; i++) {
            cards.add(loadedCard(5_000));
        }
        for (int round = 0; round < 2; round++) {
            byte[][] records = new byte[IngestService.MAX_RECORDS][];
            for (int i = 0; i < records.length; i++) {
                records[i] = purchase(cards.get(i % cards.size()), 1 + i % 7);
            }
            BatchResult r = upload(records);
            assertThat(r.results()).isEqualTo("00".repeat(records.length));
            assertThat(r.accepted()).isEqualTo(records.length);
        }
        for (HostCardModel card : cards) {
            assertThat(purchasesOf(card.asn())).isEqualTo(card.offlineSeq());
            assertThat(purchaseRows.ofCard(card.asn(), (rs, i) -> rs.getLong("id")))
                    .hasSize(card.offlineSeq());
            assertThat(reference.account(card.asn()).nextOfflineSeq()).isEqualTo(card.offlineSeq());
            assertThat(reference.account(card.asn()).chainBalance()).isEqualTo(card.balance());
            assertThat(ledger.cardFloat(card.asn())).isEqualTo(card.balance());
        }
        assertLedgerSound();
    }

    /**
     * The purchase table keeps no card index (migration V3_37): a card's purchases are read along its chain, from
     * its shadow account's last purchase backwards, each row naming the one before it — in the order the chain took
     * them, held and released ones included, another card's purchases in the same batches never in between; its
     * float is its shadow account's purchase total, which the trial balance checks against the rows.
     */
    @Test
    void aCardsPurchases_areReadAlongItsChain_heldAndReleasedOnesIncluded() {
        HostCardModel card = loadedCard(5_000);
        HostCardModel other = loadedCard(5_000);
        byte[] p1 = purchase(card, 100);
        byte[] p2 = purchase(card, 200);
        byte[] p3 = purchase(card, 300);
        byte[] p4 = purchase(card, 400);
        byte[] p5 = purchase(card, 500);

        assertThat(upload(p1, purchase(other, 10), p2).results()).isEqualTo("000000");
        assertThat(upload(p4, purchase(other, 20), p5).results()).isEqualTo("Q300Q3");
        assertThat(upload(purchase(other, 30), p3).results()).isEqualTo("0000");

        org.springframework.jdbc.core.RowMapper<Integer> seq = (rs, i) -> rs.getInt("offline_seq");
        List<Integer> chain = purchaseRows.ofCard(card.asn(), seq);
        assertThat(chain)
                .isEqualTo(jdbc.queryForList(
                        "SELECT offline_seq FROM purchase WHERE asn = ? ORDER BY offline_seq DESC",
                        Integer.class,
                        card.asn()))
                .hasSize(5);
        assertThat(purchaseRows.ofCard(other.asn(), seq)).hasSize(3);
        assertThat(purchaseRows.ofCard(loadedCard(1_000).asn(), seq)).isEmpty();
        assertThat(ledger.cardFloat(card.asn())).isEqualTo(card.balance()).isEqualTo(5_000 - 1_500);
        assertThat(ledger.cardFloat(other.asn())).isEqualTo(other.balance());
        assertThat(ledger.trialBalance().cardPurchaseTotalsUnmatched()).isZero();
        assertLedgerSound();
    }

    @Test
    void acceptedPurchases_arePostedOnce_andTheDayTotalsFollow() {
        HostCardModel card = loadedCard(10_000);
        BatchResult r = upload(purchase(card, 1_000), purchase(card, 2_345), purchase(card, 55));

        assertThat(r.results()).isEqualTo("000000");
        assertThat(r.accepted()).isEqualTo(3);
        assertThat(purchasesOf(card.asn())).isEqualTo(3);
        assertThat(ledger.cardFloat(card.asn())).isEqualTo(10_000 - 3_400).isEqualTo(card.balance());
        String day =
                jdbc.queryForObject("SELECT MAX(business_date) FROM purchase WHERE asn = ?", String.class, card.asn());
        LedgerQueries.DepartmentDayTotal total = ledger.departmentDayTotals(day).stream()
                .filter(t -> t.departmentCode().equals(department))
                .findFirst()
                .orElseThrow();
        // from the postings: the fee is the one the close will charge on the day total, 3,400 at 30 bp = 10.2 → 10
        // (nothing is charged at ingest: the payable holds the gross until the close)
        assertThat(total).isEqualTo(new LedgerQueries.DepartmentDayTotal(day, department, 3, 3_400, 10, 3_390));
        assertLedgerSound();
    }

    @Test
    void forgedTac_isQuarantinedQ1_andNotPosted() {
        HostCardModel card = loadedCard(5_000);
        byte[] record = purchase(card, 100);
        record[OfflineRecord.CODEC.offset("tac")] ^= 0x01;

        BatchResult r = upload(record);

        assertThat(r.results()).isEqualTo(QuarantineReason.TAC_INVALID.code());
        assertThat(purchasesOf(card.asn())).isZero();
        assertThat(ledger.cardFloat(card.asn())).isEqualTo(5_000);
        assertThat(reasons(card.asn())).containsExactly("Q1");
    }

    @Test
    void alteredAmount_breaksTheTac() {
        HostCardModel card = loadedCard(5_000);
        byte[] record = purchase(card, 100);
        record[OfflineRecord.CODEC.offset("amount") + 3] = 1;

        assertThat(upload(record).results()).isEqualTo("Q1");
        assertThat(purchasesOf(card.asn())).isZero();
    }

    @Test
    void replayedRecord_inANewBatch_isAnswered94_recordedQ2_andNotPostedAgain() {
        HostCardModel card = loadedCard(5_000);
        byte[] record = purchase(card, 700);
        assertThat(upload(record).results()).isEqualTo("00");
        long floatAfter = ledger.cardFloat(card.asn());

        BatchResult again = upload(record);

        assertThat(again.results()).isEqualTo(ResponseCode.DUPLICATE.code());
        assertThat(again.duplicates()).isEqualTo(1);
        assertThat(purchasesOf(card.asn())).isEqualTo(1);
        assertThat(ledger.cardFloat(card.asn())).isEqualTo(floatAfter);
        assertThat(reasons(card.asn())).containsExactly("Q2");
        assertLedgerSound();
    }

    @Test
    void clonedCard_sameCounterFromAnotherTerminal_isQuarantinedQ2() {
        HostCardModel card = loadedCard(5_000);
        HostCardModel clone = new HostCardModel(KEYS, card.asn(), card.balance(), card.offlineSeq(), 1);
        assertThat(upload(purchase(card, 300)).results()).isEqualTo("00");
        String other = data.terminal(department);

        BatchResult r = uploadAs(other, String.format("%06d", ++batch), purchase(clone, 300, other, 1));

        assertThat(r.results()).isEqualTo("Q2");
        assertThat(purchasesOf(card.asn())).isEqualTo(1);
    }

    @Test
    void duplicateBatch_isAnsweredFromTheStoredResult_andPostsNothingTwice() {
        HostCardModel card = loadedCard(5_000);
        byte[] a = purchase(card, 100);
        byte[] forged = purchase(card, 100);
        forged[OfflineRecord.CODEC.offset("tac")] ^= 0x10;
        BatchResult first = upload("000777", a, forged);
        long journals = ledger.trialBalance().journals();

        BatchResult second = upload("000777", a, forged);

        assertThat(second.results()).isEqualTo(first.results()).isEqualTo("00Q1");
        assertThat(second.repeated()).isTrue();
        assertThat(ledger.trialBalance().journals()).isEqualTo(journals);
        assertThat(reasons(card.asn())).containsExactly("Q1");
    }

    @Test
    void batchNumberReused_withOtherRecords_isRefusedWhole() {
        HostCardModel card = loadedCard(5_000);
        upload("000888", purchase(card, 100));

        IngestService.Outcome o = ingest.ingest(new BatchUpload(terminal, "000888", "000002", 1, purchase(card, 100)));

        assertThat(o).isInstanceOf(IngestService.Outcome.NumberReused.class);
        assertThat(purchasesOf(card.asn())).isEqualTo(1);
    }

    @Test
    void counterGap_isHeldQ3_thenReleasedWhenTheMissingRecordArrives() {
        HostCardModel card = loadedCard(5_000);
        byte[] first = purchase(card, 100);
        byte[] second = purchase(card, 200);
        byte[] third = purchase(card, 300);

        BatchResult gap = upload(second, third);
        assertThat(gap.results()).isEqualTo("Q3Q3");
        assertThat(purchasesOf(card.asn())).isZero();
        assertThat(ledger.cardFloat(card.asn())).isEqualTo(5_000);

        assertThat(upload(first).results()).isEqualTo("00");
        assertThat(purchasesOf(card.asn())).isEqualTo(3);
        assertThat(ledger.cardFloat(card.asn())).isEqualTo(card.balance());
        assertThat(jdbc.queryForList("SELECT status FROM quarantine WHERE asn = ?", String.class, card.asn()))
                .containsOnly(QuarantineEntry.RELEASED);
        assertLedgerSound();
    }

    @Test
    void copyOfAHeldRecord_isARepeat_notHeldTwice_andADifferentRecordOnItsCounterIsQ2() {
        HostCardModel card = loadedCard(5_000);
        byte[] first = purchase(card, 100);
        byte[] second = purchase(card, 200);
        byte[] forgedTwin = second.clone();
        forgedTwin[forgedTwin.length - 1] ^= 1; // same card and counter, other payee byte

        assertThat(upload(second).results()).isEqualTo("Q3");
        assertThat(upload(second, second).results()).isEqualTo("9494"); // replayed twice, in one new batch
        assertThat(upload(forgedTwin).results()).isEqualTo("Q2");
        assertThat(reference.account(card.asn()).held()).isEqualTo(1);

        assertThat(upload(first).results()).isEqualTo("00");
        assertThat(purchasesOf(card.asn())).isEqualTo(2);
        assertThat(reference.account(card.asn()).held()).isZero();
        assertThat(ledger.cardFloat(card.asn())).isEqualTo(card.balance());
        assertLedgerSound();
    }

    @Test
    void counterGap_neverFilled_staysOutOfTheLedger() {
        HostCardModel card = loadedCard(5_000);
        purchase(card, 100);
        byte[] later = purchase(card, 200);

        assertThat(upload(later).results()).isEqualTo("Q3");
        assertThat(purchasesOf(card.asn())).isZero();
        assertThat(reference.account(card.asn()).held()).isEqualTo(1);
    }

    @Test
    void outOfOrderWithinABatch_isAcceptedWhole() {
        HostCardModel card = loadedCard(5_000);
        byte[] first = purchase(card, 100);
        byte[] second = purchase(card, 200);

        assertThat(upload(second, first).results()).isEqualTo("0000");
        assertThat(purchasesOf(card.asn())).isEqualTo(2);
    }

    @Test
    void threeRecordsInReverseOrderWithinABatch_areAllReleased_andNothingStaysHeld() {
        // regression: a record released earlier in the same pass was read again as held and closed as "taken"
        HostCardModel card = loadedCard(5_000);
        byte[] first = purchase(card, 16);
        byte[] second = purchase(card, 24);
        byte[] third = purchase(card, 26);

        assertThat(upload(third, second, first).results()).isEqualTo("000000");
        assertThat(purchasesOf(card.asn())).isEqualTo(3);
        assertThat(reference.account(card.asn()).held()).isZero();
        assertLedgerSound();
    }

    @Test
    void balanceChainBreak_isQuarantinedQ4() {
        HostCardModel card = loadedCard(5_000);
        assertThat(upload(purchase(card, 100)).results()).isEqualTo("00");
        // a card whose balance went up without a load the host knows of: the chain breaks
        HostCardModel topped = new HostCardModel(KEYS, card.asn(), card.balance() + 1_000, card.offlineSeq(), 1);

        BatchResult r = upload(purchase(topped, 100));

        assertThat(r.results()).isEqualTo(QuarantineReason.BALANCE_CHAIN.code());
        assertThat(purchasesOf(card.asn())).isEqualTo(1);
        assertThat(ledger.cardFloat(card.asn())).isEqualTo(4_900);
    }

    @Test
    void loadsBetweenPurchases_keepTheChain_inAnyUploadOrder() {
        HostCardModel card = loadedCard(1_000);
        byte[] beforeLoad = purchase(card, 400);
        load(card, 2_000);
        byte[] afterLoad = purchase(card, 500);

        assertThat(upload(afterLoad).results()).isEqualTo("Q3");
        assertThat(upload(beforeLoad).results()).isEqualTo("00");

        assertThat(purchasesOf(card.asn())).isEqualTo(2);
        assertThat(ledger.cardFloat(card.asn())).isEqualTo(card.balance()).isEqualTo(2_100);
        assertLedgerSound();
    }

    @Test
    void hotlistedCard_isQuarantinedQ5_forRecordsMadeAfterTheListing() {
        HostCardModel card = loadedCard(5_000);
        hotlist.add(card.asn(), "reported lost", "test");

        BatchResult r = upload(purchase(card, 100, terminal, 60));

        assertThat(r.results()).isEqualTo(QuarantineReason.HOTLISTED.code());
        assertThat(purchasesOf(card.asn())).isZero();
        hotlist.remove(card.asn(), "test");
    }

    @Test
    void unknownCard_unknownTerminal_unknownDepartment_malformed_areQuarantined() {
        HostCardModel stranger = new HostCardModel(KEYS, "3100" + String.format("%016d", TestData.unique()), 500, 0, 0);
        HostCardModel card = loadedCard(5_000);
        String[] t = TestData.dateTime(0);
        byte[] unknownTerminal = card.purchase(100, "999999999999", ++ttsn, t[0], t[1], department, "");
        HostCardModel card2 = loadedCard(5_000);
        byte[] unknownDepartment = card2.purchase(100, terminal, ++ttsn, t[0], t[1], data.unusedDepartmentCode(), "");
        byte[] malformed = purchase(loadedCard(1_000), 100);
        malformed[OfflineRecord.CODEC.offset("transaction_date")] = (byte) 0xAB;

        BatchResult r = upload(purchase(stranger, 100), unknownTerminal, unknownDepartment, malformed);

        assertThat(r.results()).isEqualTo("Q6Q7Q9Q8");
        assertThat(r.accepted()).isZero();
        assertLedgerSound();
    }

    @Test
    void recordUploadedByAnotherTerminal_isQuarantinedQA_andNotPosted_untilItsOwnTerminalUploadsIt() {
        HostCardModel card = loadedCard(5_000);
        byte[] record = purchase(card, 700);
        String other = data.terminal(department);

        BatchResult r = uploadAs(other, String.format("%06d", ++batch), record);

        assertThat(r.results())
                .as("a record of terminal %s uploaded by terminal %s", terminal, other)
                .isEqualTo("QA");
        assertThat(r.accepted()).isZero();
        assertThat(purchasesOf(card.asn())).isZero();
        assertThat(reasons(card.asn())).containsExactly("QA");
        assertThat(ledger.cardFloat(card.asn())).isEqualTo(5_000);

        assertThat(upload(record).results())
                .as("uploaded by the terminal that made it")
                .isEqualTo("00");
        assertThat(ledger.cardFloat(card.asn())).isEqualTo(4_300).isEqualTo(card.balance());
        assertLedgerSound();
    }

    @Test
    void blockEventUploadedByAnotherTerminal_isQuarantinedQA_andNotStored() {
        HostCardModel card = loadedCard(1_000);
        String[] t = TestData.dateTime(0);
        byte[] block = OfflineRecord.of(
                        RecordTypes.HOTLIST_BLOCK,
                        card.asn(),
                        card.offlineSeq(),
                        card.balance(),
                        0,
                        terminal,
                        0x8000_0001L,
                        t[0],
                        t[1],
                        null,
                        1,
                        0,
                        department,
                        "")
                .withTac("00000000")
                .bytes();
        String other = data.terminal(department);

        assertThat(uploadAs(other, String.format("%06d", ++batch), block).results())
                .isEqualTo("QA");
        assertThat(events(card.asn())).isZero();
        assertThat(upload(block).results())
                .as("uploaded by the terminal that blocked the card")
                .isEqualTo("00");
        assertThat(events(card.asn())).isEqualTo(1);
    }

    long events(String asn) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM card_event WHERE asn = ?", Long.class, asn);
    }

    @Test
    void recordForADepartmentOtherThanItsTerminals_isQuarantinedQB_andNotPosted() {
        HostCardModel card = loadedCard(5_000);
        String otherDepartment = data.department(30);
        String[] t = TestData.dateTime(0);
        byte[] record = card.purchase(400, terminal, ++ttsn, t[0], t[1], otherDepartment, "BILL-2");

        BatchResult r = upload(record);

        assertThat(r.results())
                .as("terminal %s of department %s booking to department %s", terminal, department, otherDepartment)
                .isEqualTo("QB");
        assertThat(purchasesOf(card.asn())).isZero();
        assertThat(reasons(card.asn())).containsExactly("QB");
        assertThat(ledger.cardFloat(card.asn())).isEqualTo(5_000);
        assertLedgerSound();
    }

    @Test
    void kioskOfTheClearingCentre_takesBillsForAnyRegisteredDepartment() {
        String centre = data.department(0, "99");
        String kiosk = data.terminal(centre);
        HostCardModel card = loadedCard(5_000);
        String[] t = TestData.dateTime(0);
        byte[] bill = card.purchase(900, kiosk, ++ttsn, t[0], t[1], department, "WATER-1");

        BatchResult r = uploadAs(kiosk, String.format("%06d", ++batch), bill);

        assertThat(r.results()).isEqualTo("00");
        assertThat(purchasesOf(card.asn())).isEqualTo(1);
        assertLedgerSound();
    }

    @Test
    void completionsOfOneLoad_racing_creditTheCardOnce() throws Exception {
        HostCardModel card = new HostCardModel(KEYS, data.card(), 0, 0, 0);
        String[] now = TestData.dateTime(0);
        LoadMessages.AuthorisationAnswer a = authoriser.authorise(new LoadMessages.Authorisation(
                terminal,
                "910001",
                card.asn(),
                "600000",
                1_200,
                now[0],
                now[1],
                department,
                card.initializeForLoad(1_200, terminal)));
        assertThat(a.code()).isEqualTo(ResponseCode.APPROVED);
        LoadMessages.Completion c = new LoadMessages.Completion(
                terminal, "910001", now[0], card.asn(), 1_200, a.rrn(), card.creditForLoad(a.hostData()));

        // no card lock here (the ISO handler takes one): the database alone lets one completion through
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<ResponseCode>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(pool.submit(() -> {
                go.await();
                return completion.complete(c);
            }));
        }
        go.countDown();
        for (java.util.concurrent.Future<ResponseCode> f : answers) {
            assertThat(f.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(ResponseCode.APPROVED);
        }
        pool.shutdown();
        assertThat(ledger.cardFloat(card.asn())).isEqualTo(1_200);
        assertLedgerSound();
    }

    @Test
    void reconciliation_agreesWithWhatWasReceived_orAnswers95() {
        HostCardModel card = loadedCard(3_000);
        byte[] ok = purchase(card, 100);
        byte[] forged = purchase(card, 200);
        forged[OfflineRecord.CODEC.offset("tac")] ^= 0x01;
        upload(ok, forged);
        String today = TestData.dateTime(0)[0];

        ReconciliationService.Result agree =
                reconciliation.reconcile(terminal, today, "000001", new ReconciliationService.Totals(1, 3_000, 2, 300));
        ReconciliationService.Result differ =
                reconciliation.reconcile(terminal, today, "000001", new ReconciliationService.Totals(1, 3_000, 3, 400));

        assertThat(agree.response()).isEqualTo(ResponseCode.APPROVED);
        assertThat(differ.response()).isEqualTo(ResponseCode.RECONCILIATION_MISMATCH);
        assertThat(differ.host()).isEqualTo(new ReconciliationService.Totals(1, 3_000, 2, 300));
    }

    @Test
    void loadReversal_returnsTheMoney_andCompletionWithAForgedTacCreditsNothing() {
        HostCardModel card = new HostCardModel(KEYS, data.card(), 0, 0, 0);
        String[] now = TestData.dateTime(0);
        LoadMessages.AuthorisationAnswer a = authoriser.authorise(new LoadMessages.Authorisation(
                terminal,
                "900001",
                card.asn(),
                "600000",
                800,
                now[0],
                now[1],
                department,
                card.initializeForLoad(800, terminal)));
        assertThat(a.code()).isEqualTo(ResponseCode.APPROVED);

        byte[] forgedTac = {1, 2, 3, 4};
        assertThat(completion.complete(
                        new LoadMessages.Completion(terminal, "900001", now[0], card.asn(), 800, a.rrn(), forgedTac)))
                .isEqualTo(ResponseCode.SECURITY_VIOLATION);
        assertThat(ledger.cardFloat(card.asn())).isZero();

        assertThat(completion.reverse(
                        new LoadMessages.Reversal(terminal, "900001", now[0].substring(4), card.asn(), 800)))
                .isEqualTo(ResponseCode.APPROVED);
        assertThat(completion.reverse(
                        new LoadMessages.Reversal(terminal, "900001", now[0].substring(4), card.asn(), 800)))
                .isEqualTo(ResponseCode.APPROVED);
        assertThat(ledger.cardFloat(card.asn())).isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT SUM(credit) - SUM(debit) FROM posting WHERE account = 'LOAD_SUSPENSE' AND asn = ?",
                        Long.class,
                        card.asn()))
                .isZero();
        assertLedgerSound();
    }

    /** A second server instance on the same database, as behind a load balancer. */
    ConfigurableApplicationContext secondInstance() {
        List<String> args = new java.util.ArrayList<>(List.of(
                "--spring.datasource.url=" + env.getProperty("spring.datasource.url"),
                "--citycard.data-dir=" + env.getProperty("citycard.data-dir"),
                "--citycard.iso.port=0",
                "--logging.level.org.citycard=WARN"));
        if (env.getProperty("spring.datasource.username") != null) {
            args.add("--spring.datasource.username=" + env.getProperty("spring.datasource.username"));
            args.add("--spring.datasource.password=" + env.getProperty("spring.datasource.password", ""));
        }
        return new SpringApplicationBuilder(ClearingServerApplication.class)
                .web(WebApplicationType.NONE)
                .profiles(env.getActiveProfiles())
                .run(args.toArray(String[]::new));
    }

    @Test
    void aCardMovedByAnotherInstance_isReadAgainHere_whateverThisInstanceHadCached() {
        HostCardModel card = loadedCard(10_000);
        assertThat(upload(purchase(card, 100)).results()).isEqualTo("00");
        HostCardModel clone = new HostCardModel(KEYS, card.asn(), card.balance(), card.offlineSeq(), 1);
        byte[] cloned = purchase(clone, 200, terminal, 0);
        byte[] second = purchase(card, 200);
        byte[] third = purchase(card, 300);
        try (ConfigurableApplicationContext other = secondInstance()) {
            IngestService otherIngest = other.getBean(IngestService.class);
            IngestService.Outcome o = otherIngest.ingest(new BatchUpload(terminal, "800001", "000001", 1, second));
            assertThat(((IngestService.Outcome.Done) o).result().results()).isEqualTo("00");

            // this instance's snapshot still expects the second record's counter: a clone's record with that
            // counter fits the snapshot but its key (ASN, offline seq) is taken; the card is read again, Q2
            assertThat(upload(cloned).results()).isEqualTo("Q2");
            assertThat(upload(second).results()).isEqualTo(ResponseCode.DUPLICATE.code());
            assertThat(upload(third).results()).isEqualTo("00");

            // and the other way round: the other instance now holds a stale snapshot of the card
            byte[] fourth = purchase(card, 400);
            o = otherIngest.ingest(new BatchUpload(terminal, "800002", "000001", 1, fourth));
            assertThat(((IngestService.Outcome.Done) o).result().results()).isEqualTo("00");
        }
        assertThat(purchasesOf(card.asn())).isEqualTo(4);
        assertThat(reasons(card.asn())).containsExactly("Q2", "Q2");
        assertThat(reference.account(card.asn()).held()).isZero();
        assertThat(ledger.cardFloat(card.asn())).isEqualTo(10_000 - 1_000).isEqualTo(card.balance());
        assertLedgerSound();
    }
}
