package org.citycard.clearing.iso;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.citycard.clearing.ingest.QuarantineRepository;
import org.citycard.clearing.ledger.LedgerQueries;
import org.citycard.clearing.reference.ReferenceService;
import org.citycard.clearing.support.TestData;
import org.citycard.clearing.testing.HostCardModel;
import org.citycard.clearing.testing.TerminalClient;
import org.citycard.dictionary.crypto.KeySet;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Terminals of a city upload at the same time, and the same cards were used at all of them: each card's records
 * reach the server out of order (held for a counter gap, released when the earlier one comes) from batches that run
 * side by side. Every batch is answered 00 at once — none waits on another's deadlock — and every record ends in
 * the ledger. (On Derby, batches sharing cards used to deadlock on each other's held records until the server
 * stalled; the demo found it.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ConcurrentUploadsTest {
    static final KeySet KEYS = KeySet.demo();
    static final int TERMINALS = 5;
    static final int CARDS = 8;
    static final int PURCHASES = 15;

    @Autowired
    IsoServer server;

    @Autowired
    ReferenceService reference;

    @Autowired
    LedgerQueries ledger;

    @Autowired
    QuarantineRepository quarantine;

    @Test
    void batchesSharingCards_fromTerminalsSideBySide_allCommit_andEveryRecordIsPosted() throws Exception {
        TestData data = new TestData(reference);
        String dept = data.department(20);
        List<String> terminals = new ArrayList<>();
        for (int i = 0; i < TERMINALS; i++) {
            terminals.add(data.terminal(dept));
        }
        List<HostCardModel> cards = new ArrayList<>();
        String[] now = TestData.dateTime(0);
        try (TerminalClient counter = new TerminalClient("127.0.0.1", server.port(), KEYS, terminals.get(0), dept)) {
            for (int c = 0; c < CARDS; c++) {
                HostCardModel card = new HostCardModel(KEYS, data.card(), 0, 0, 0);
                ISOMsg auth = counter.authorise(
                        card.asn(),
                        50_000,
                        counter.nextStan(),
                        now[0],
                        now[1],
                        card.initializeForLoad(50_000, terminals.get(0)));
                assertThat(counter.complete(auth, card.creditForLoad(auth.getBytes(48)))
                                .getString(39))
                        .isEqualTo("00");
                cards.add(card);
            }
        }
        // each card buys at the terminals in turn; every terminal keeps its records in the order it made them
        List<List<byte[]>> records = new ArrayList<>();
        long[] ttsn = new long[TERMINALS];
        for (int t = 0; t < TERMINALS; t++) {
            records.add(new ArrayList<>());
        }
        for (int k = 0; k < PURCHASES; k++) {
            for (int c = 0; c < CARDS; c++) {
                int t = (k + c) % TERMINALS;
                records.get(t)
                        .add(cards.get(c).purchase(100 + k, terminals.get(t), ++ttsn[t], now[0], now[1], dept, ""));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(TERMINALS);
        List<Future<List<String>>> answers = new ArrayList<>();
        for (int t = 0; t < TERMINALS; t++) {
            String id = terminals.get(t);
            List<byte[]> mine = records.get(t);
            answers.add(pool.submit(() -> {
                List<String> codes = new ArrayList<>();
                try (TerminalClient client = new TerminalClient("127.0.0.1", server.port(), KEYS, id, dept)) {
                    for (int b = 0; b * 4 < mine.size(); b++) {
                        List<byte[]> batch = mine.subList(b * 4, Math.min(mine.size(), b * 4 + 4));
                        long start = System.nanoTime();
                        ISOMsg a = client.upload(String.format("%06d", b + 1), batch.toArray(byte[][]::new));
                        long ms = (System.nanoTime() - start) / 1_000_000;
                        codes.add(a.getString(39) + (ms > 10_000 ? " after " + ms + " ms" : ""));
                    }
                }
                return codes;
            }));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
        for (Future<List<String>> f : answers) {
            assertThat(f.get()).allMatch("00"::equals);
        }
        for (HostCardModel card : cards) {
            assertThat(quarantine.held(card.asn()))
                    .as("held records of %s", card.asn())
                    .isEmpty();
            assertThat(ledger.cardFloat(card.asn()))
                    .as("float of %s", card.asn())
                    .isEqualTo(card.balance());
        }
    }
}
