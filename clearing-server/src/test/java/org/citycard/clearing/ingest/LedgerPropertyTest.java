package org.citycard.clearing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.citycard.clearing.ClearingServerApplication;
import org.citycard.clearing.ledger.LedgerQueries;
import org.citycard.clearing.load.LoadAuthoriser;
import org.citycard.clearing.load.LoadCompletion;
import org.citycard.clearing.load.LoadMessages;
import org.citycard.clearing.reference.ReferenceService;
import org.citycard.clearing.support.TestData;
import org.citycard.clearing.testing.HostCardModel;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.dictionary.record.OfflineRecord;
import org.citycard.dictionary.wire.ResponseCode;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Random days of loads, reversed loads, purchases, uploads in any order and grouping, replays and repeated batches:
 * total debits equal total credits, no card's float goes negative, and every purchase a card made is posted exactly
 * once (the card's float in the ledger equals the card's own balance once everything is uploaded).
 */
class LedgerPropertyTest {
    static final KeySet KEYS = KeySet.demo();
    static final long MAX_BALANCE =
            Dictionary.standard().parameter("max_balance").asLong();
    static ConfigurableApplicationContext context;

    @BeforeContainer
    static void start() {
        context = new SpringApplicationBuilder(ClearingServerApplication.class)
                .web(WebApplicationType.NONE)
                .run(
                        "--spring.datasource.url=jdbc:derby:memory:property-" + TestData.unique() + ";create=true",
                        "--citycard.data-dir=" + TestData.DATA_DIR.resolve("property"),
                        "--citycard.iso.port=0");
    }

    @AfterContainer
    static void stop() {
        context.close();
    }

    enum Kind {
        LOAD,
        REVERSED_LOAD,
        PURCHASE,
        UPLOAD,
        REPLAY,
        RESEND_BATCH
    }

    record Action(Kind kind, int card, long amount) {}

    @Provide
    Arbitrary<List<Action>> days() {
        Arbitrary<Action> action = Arbitraries.of(Kind.values()).flatMap(k -> Arbitraries.integers()
                .between(0, 2)
                .flatMap(c -> Arbitraries.longs().between(1, 3_000).map(a -> new Action(k, c, a))));
        return action.list().ofMinSize(5).ofMaxSize(40);
    }

    @Property
    void theLedgerBalances_andEveryPurchaseIsPostedOnce(@ForAll("days") List<Action> day, @ForAll long seed) {
        Random random = new Random(seed);
        ReferenceService reference = context.getBean(ReferenceService.class);
        IngestService ingest = context.getBean(IngestService.class);
        LoadAuthoriser authoriser = context.getBean(LoadAuthoriser.class);
        LoadCompletion completion = context.getBean(LoadCompletion.class);
        LedgerQueries ledger = context.getBean(LedgerQueries.class);
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);

        TestData data = new TestData(reference);
        String dept = data.department(random.nextInt(100));
        String terminal = data.terminal(dept);
        List<HostCardModel> cards = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            cards.add(new HostCardModel(KEYS, data.card(), 0, 0, 0));
        }
        List<byte[]> pending = new ArrayList<>();
        List<byte[]> uploaded = new ArrayList<>();
        List<byte[][]> batches = new ArrayList<>();
        List<Integer> batchNumbers = new ArrayList<>();
        int[] counters = {0, 0, 0};
        long ttsn = 0;
        int made = 0;
        String[] now = TestData.dateTime(0);

        for (Action a : day) {
            HostCardModel card = cards.get(a.card());
            switch (a.kind()) {
                case LOAD, REVERSED_LOAD -> {
                    if (card.balance() + a.amount() > MAX_BALANCE) {
                        continue;
                    }
                    String stan = String.format("%06d", ++counters[0]);
                    LoadMessages.AuthorisationAnswer ans = authoriser.authorise(new LoadMessages.Authorisation(
                            terminal,
                            stan,
                            card.asn(),
                            "600000",
                            a.amount(),
                            now[0],
                            now[1],
                            dept,
                            card.initializeForLoad(a.amount(), terminal)));
                    assertThat(ans.code()).isEqualTo(ResponseCode.APPROVED);
                    if (a.kind() == Kind.LOAD) {
                        byte[] tac = card.creditForLoad(ans.hostData());
                        assertThat(completion.complete(new LoadMessages.Completion(
                                        terminal, stan, now[0], card.asn(), a.amount(), ans.rrn(), tac)))
                                .isEqualTo(ResponseCode.APPROVED);
                    } else {
                        assertThat(completion.reverse(new LoadMessages.Reversal(
                                        terminal, stan, now[0].substring(4), card.asn(), a.amount())))
                                .isEqualTo(ResponseCode.APPROVED);
                    }
                }
                case PURCHASE -> {
                    if (card.balance() >= a.amount()) {
                        pending.add(card.purchase(a.amount(), terminal, ++ttsn, now[0], now[1], dept, ""));
                        made++;
                    }
                }
                case UPLOAD -> {
                    if (!pending.isEmpty()) {
                        Collections.shuffle(pending, random);
                        int n = 1 + random.nextInt(pending.size());
                        byte[][] batch = pending.subList(0, n).toArray(byte[][]::new);
                        pending.subList(0, n).clear();
                        upload(ingest, terminal, ++counters[1], batch);
                        batches.add(batch);
                        batchNumbers.add(counters[1]);
                        Collections.addAll(uploaded, batch);
                    }
                }
                case REPLAY -> {
                    if (!uploaded.isEmpty()) {
                        byte[] r = uploaded.get(random.nextInt(uploaded.size()));
                        BatchResult res = upload(ingest, terminal, ++counters[1], r);
                        assertThat(res.results()).isIn(ResponseCode.DUPLICATE.code(), "Q2");
                    }
                }
                case RESEND_BATCH -> {
                    if (!batches.isEmpty()) {
                        int which = random.nextInt(batches.size());
                        // replays also take batch numbers, so a batch is re-sent under the number it first had
                        BatchResult res = upload(ingest, terminal, batchNumbers.get(which), batches.get(which));
                        assertThat(res.repeated()).isTrue();
                    }
                }
            }
            LedgerQueries.TrialBalance tb = ledger.trialBalance();
            assertThat(tb.balanced()).as("%s after %s", tb, a).isTrue();
            assertThat(tb.cardsWithNegativeFloat()).isZero();
        }
        if (!pending.isEmpty()) {
            Collections.shuffle(pending, random);
            upload(ingest, terminal, ++counters[1], pending.toArray(byte[][]::new));
        }

        long posted = 0;
        for (HostCardModel card : cards) {
            assertThat(ledger.cardFloat(card.asn())).as("float of %s", card).isEqualTo(card.balance());
            assertThat(reference.account(card.asn()).held()).isZero();
            posted += jdbc.queryForObject("SELECT COUNT(*) FROM purchase WHERE asn = ?", Long.class, card.asn());
        }
        assertThat(posted).isEqualTo(made);
        assertThat(ledger.trialBalance().balanced()).isTrue();
    }

    static BatchResult upload(IngestService ingest, String terminal, int number, byte[]... records) {
        byte[] all = new byte[records.length * OfflineRecord.SIZE];
        for (int i = 0; i < records.length; i++) {
            System.arraycopy(records[i], 0, all, i * OfflineRecord.SIZE, OfflineRecord.SIZE);
        }
        IngestService.Outcome o =
                ingest.ingest(new BatchUpload(terminal, String.format("%06d", number), "000001", records.length, all));
        assertThat(o).isInstanceOf(IngestService.Outcome.Done.class);
        return ((IngestService.Outcome.Done) o).result();
    }
}
