package org.citycard.clearing.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.citycard.clearing.ledger.LedgerQueries;
import org.citycard.clearing.reference.ReferenceService;
import org.citycard.clearing.support.TestData;
import org.citycard.clearing.testing.HostCardModel;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.dictionary.wire.ResponseCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Group commit of load authorisations: concurrent requests are written in shared transactions, each answered only
 * once written; a (terminal, STAN) sent several times at once is stored once and every copy gets the stored answer,
 * another request under a used STAN gets 94; the ledger balances throughout.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class AuthorisationGroupCommitTest {
    static final KeySet KEYS = KeySet.demo();

    @Autowired
    AuthorisationGroupCommit group;

    @Autowired
    ReferenceService reference;

    @Autowired
    LedgerQueries ledger;

    @Autowired
    JdbcTemplate jdbc;

    final ExecutorService pool = Executors.newFixedThreadPool(8);
    String department;
    String terminal;

    @BeforeEach
    void fixtures() {
        TestData data = new TestData(reference);
        department = data.department(0);
        terminal = data.terminal(department);
    }

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    LoadMessages.Authorisation request(HostCardModel card, String stan, long amount) {
        return new LoadMessages.Authorisation(
                terminal,
                stan,
                card.asn(),
                "600000",
                amount,
                "20261121",
                "090000",
                department,
                card.initializeForLoad(amount, terminal));
    }

    long loads(String stan) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM load_txn WHERE terminal_id = ? AND stan = ?", Long.class, terminal, stan);
    }

    <T> List<T> allAtOnce(List<Callable<T>> work) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> w : work) {
            futures.add(pool.submit(() -> {
                start.await();
                return w.call();
            }));
        }
        start.countDown();
        List<T> out = new ArrayList<>();
        for (Future<T> f : futures) {
            out.add(f.get());
        }
        return out;
    }

    @Test
    void concurrentAuthorisations_areEachWrittenOnce_andApproved() throws Exception {
        long journalsBefore = ledger.trialBalance().journals();
        List<Callable<LoadMessages.AuthorisationAnswer>> work = new ArrayList<>();
        List<String> stans = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            // a card per load: a card has one open load per online counter (the next one is refused 94)
            List<HostCardModel> cards = new ArrayList<>();
            for (int k = 0; k < 25; k++) {
                cards.add(new HostCardModel(KEYS, new TestData(reference).card(), 0, 0, 0));
            }
            String stanBase = String.format("%03d", t);
            work.add(() -> {
                LoadMessages.AuthorisationAnswer last = null;
                for (int k = 0; k < 25; k++) {
                    last = group.authorise(request(cards.get(k), stanBase + String.format("%03d", k), 10));
                    assertThat(last.code()).isEqualTo(ResponseCode.APPROVED);
                }
                return last;
            });
            for (int k = 0; k < 25; k++) {
                stans.add(stanBase + String.format("%03d", k));
            }
        }

        allAtOnce(work);

        for (String stan : stans) {
            assertThat(loads(stan)).as("loads with STAN %s", stan).isEqualTo(1);
        }
        assertThat(ledger.trialBalance().journals()).isEqualTo(journalsBefore + 200);
        assertThat(ledger.trialBalance().balanced()).isTrue();
    }

    @Test
    void theSameRequest_sentFourTimesAtOnce_isStoredOnce_andEveryCopyGetsTheStoredAnswer() throws Exception {
        HostCardModel card = new HostCardModel(KEYS, new TestData(reference).card(), 0, 0, 0);
        LoadMessages.Authorisation req = request(card, "777001", 500);
        long journalsBefore = ledger.trialBalance().journals();

        List<LoadMessages.AuthorisationAnswer> answers = allAtOnce(List.of(
                () -> group.authorise(req),
                () -> group.authorise(req),
                () -> group.authorise(req),
                () -> group.authorise(req)));

        assertThat(loads("777001")).isEqualTo(1);
        assertThat(ledger.trialBalance().journals()).isEqualTo(journalsBefore + 1);
        String rrn = jdbc.queryForObject(
                "SELECT rrn FROM load_txn WHERE terminal_id = ? AND stan = ?", String.class, terminal, "777001");
        for (LoadMessages.AuthorisationAnswer a : answers) {
            assertThat(a.code()).isEqualTo(ResponseCode.APPROVED);
            assertThat(a.rrn()).isEqualTo(rrn);
        }
        assertThat(ledger.trialBalance().balanced()).isTrue();
    }

    @Test
    void anotherRequest_underAUsedStan_isAnswered94_andChangesNothing() throws Exception {
        HostCardModel card = new HostCardModel(KEYS, new TestData(reference).card(), 0, 0, 0);
        LoadMessages.Authorisation first = request(card, "777002", 500);
        LoadMessages.Authorisation other = request(card, "777002", 700);

        List<LoadMessages.AuthorisationAnswer> answers =
                allAtOnce(List.of(() -> group.authorise(first), () -> group.authorise(other)));

        assertThat(loads("777002")).isEqualTo(1);
        long amount = jdbc.queryForObject(
                "SELECT amount FROM load_txn WHERE terminal_id = ? AND stan = ?", Long.class, terminal, "777002");
        LoadMessages.AuthorisationAnswer winner = answers.get(amount == 500 ? 0 : 1);
        LoadMessages.AuthorisationAnswer loser = answers.get(amount == 500 ? 1 : 0);
        assertThat(winner.code()).isEqualTo(ResponseCode.APPROVED);
        assertThat(loser.code()).isEqualTo(ResponseCode.DUPLICATE);
        assertThat(ledger.trialBalance().balanced()).isTrue();
    }
}
