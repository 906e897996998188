package org.citycard.clearing.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.citycard.clearing.reference.ReferenceService;
import org.citycard.clearing.support.IdAllocator;
import org.citycard.clearing.support.TestData;
import org.citycard.clearing.testing.HostCardModel;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.dictionary.record.OfflineRecord;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * What the tests of single ingest steps share: the server's real parts (database, keys, reference data) in the
 * ingest suite's context, records a card really made (valid TAC), and a batch context built by hand, so that one
 * step runs alone on exactly the state the test sets up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
abstract class StepTestSupport {
    static final KeySet KEYS = KeySet.demo();
    static final int TTSN = OfflineRecord.CODEC.offset("ttsn");

    @Autowired
    ReferenceService reference;

    @Autowired
    RecordRules rules;

    @Autowired
    IdAllocator ids;

    @Autowired
    org.citycard.clearing.load.LoadAuthoriser authoriser;

    @Autowired
    org.citycard.clearing.load.LoadCompletion completion;

    TestData data;
    String department;
    String terminal;
    long ttsn;

    @BeforeEach
    void referenceData() {
        data = new TestData(reference);
        department = data.department(30);
        terminal = data.terminal(department);
        ttsn = 1_000;
    }

    /** A card (not registered unless {@code registered}) holding {@code balance} fen. */
    HostCardModel card(long balance, boolean registered) {
        String asn = registered ? data.card() : "3100" + String.format("%016d", TestData.unique());
        return new HostCardModel(KEYS, asn, balance, 0, 0);
    }

    /** A registered card loaded online with {@code amount} fen, so its chain on the server holds it. */
    HostCardModel loadedCard(long amount) {
        HostCardModel card = new HostCardModel(KEYS, data.card(), 0, 0, 0);
        String[] now = TestData.dateTime(0);
        String stan = String.format("%06d", TestData.unique() % 1_000_000);
        org.citycard.clearing.load.LoadMessages.AuthorisationAnswer a =
                authoriser.authorise(new org.citycard.clearing.load.LoadMessages.Authorisation(
                        terminal,
                        stan,
                        card.asn(),
                        "600000",
                        amount,
                        now[0],
                        now[1],
                        department,
                        card.initializeForLoad(amount, terminal)));
        byte[] tac = card.creditForLoad(a.hostData());
        completion.complete(new org.citycard.clearing.load.LoadMessages.Completion(
                terminal, stan, now[0], card.asn(), amount, a.rrn(), tac));
        return card;
    }

    byte[] purchase(HostCardModel card, long amount) {
        String[] t = TestData.dateTime(0);
        return card.purchase(amount, terminal, ++ttsn, t[0], t[1], department, "BILL-1");
    }

    /** A batch of these records from the test's terminal, nothing prepared yet. */
    BatchContext batch(byte[]... records) {
        byte[] all = new byte[records.length * OfflineRecord.SIZE];
        for (int i = 0; i < records.length; i++) {
            System.arraycopy(records[i], 0, all, i * OfflineRecord.SIZE, OfflineRecord.SIZE);
        }
        BatchUpload upload = new BatchUpload(
                terminal, String.format("%06d", TestData.unique() % 1_000_000), "000001", records.length, all);
        return new BatchContext(upload, Instant.now(), "20261202", records.length, rules.lookups(), ids);
    }

    /** A batch whose records are decoded (the layout step's prepare), ready for the step under test. */
    BatchContext decoded(byte[]... records) {
        BatchContext b = batch(records);
        new LayoutStep().prepare(b);
        return b;
    }

    /** A chain for the card as the server would hold it: next offline seq, balance, hotlisted at (or null). */
    static CardChain chain(HostCardModel card, int nextSeq, long balance, Instant hotlistedAt) {
        return new CardChain(card.asn(), hotlistedAt, 0, nextSeq, balance, -1, 0, 0, 0, 0, List.of());
    }

    /** Gives a record its card's chain, as the card step does. */
    static RecordContext withChain(BatchContext b, int index, CardChain chain) {
        b.chains = Map.of(chain.asn(), chain);
        return b.record(index).put(RecordKey.CHAIN, chain);
    }

    static QuarantineEntry onlyEntry(BatchContext b) {
        List<QuarantineEntry> e = b.entries();
        if (e.size() != 1) {
            throw new AssertionError("expected one quarantine entry, found " + e);
        }
        return e.get(0);
    }
}
