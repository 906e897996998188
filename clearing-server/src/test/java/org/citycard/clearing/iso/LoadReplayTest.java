package org.citycard.clearing.iso;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.citycard.clearing.ledger.Account;
import org.citycard.clearing.ledger.LedgerQueries;
import org.citycard.clearing.reference.ReferenceService;
import org.citycard.clearing.support.MutableClock;
import org.citycard.clearing.support.TestData;
import org.citycard.clearing.testing.HostCardModel;
import org.citycard.clearing.testing.TerminalClient;
import org.citycard.dictionary.crypto.KeySet;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Loads over the ISO 8583 endpoint against replays (issue 14): a load is one (card, online counter) as well as one
 * (terminal, STAN, local date). The card's INITIALIZE FOR LOAD answer sent again under a new STAN is refused 94 and
 * credits nothing; one TAC completes one load; a STAN used again after the terminal's counter wrapped (999999 →
 * 000001) on a later day is a new load. The host's clock stands still here, so two authorisations get the same host
 * date and time, as two in the same second do.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@Import(MutableClock.Config.class)
class LoadReplayTest {
    static final KeySet KEYS = KeySet.demo();

    @Autowired
    IsoServer server;

    @Autowired
    ReferenceService reference;

    @Autowired
    LedgerQueries ledger;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    org.citycard.clearing.reference.HotlistService hotlist;

    String department;
    String terminalId;
    String asn;
    HostCardModel card;

    @BeforeEach
    void fixtures() {
        TestData data = new TestData(reference);
        department = data.department(50);
        terminalId = data.terminal(department);
        asn = data.card();
        card = new HostCardModel(KEYS, asn, 0, 0, 0);
    }

    TerminalClient client() throws Exception {
        return new TerminalClient("127.0.0.1", server.port(), KEYS, terminalId, department);
    }

    @Test
    void sameCardAnswer_underANewStan_isRefused94_andItsTacCreditsTheCardOnce() throws Exception {
        try (TerminalClient t = client()) {
            String[] now = TestData.dateTime(0);
            byte[] answer = card.initializeForLoad(10_000, terminalId);
            ISOMsg first = t.authorise(asn, 10_000, t.nextStan(), now[0], now[1], answer);
            assertThat(first.getString(39)).isEqualTo("00");

            ISOMsg replay = t.authorise(asn, 10_000, t.nextStan(), now[0], now[1], answer);
            byte[] tac = card.creditForLoad(first.getBytes(48));
            assertThat(t.complete(first, tac).getString(39)).isEqualTo("00");
            ISOMsg second = t.complete(replay, tac);

            assertThat(ledger.cardFloat(asn))
                    .as("the card took 10000 fen once; the ledger credits it once")
                    .isEqualTo(10_000)
                    .isEqualTo(card.balance());
            assertThat(replay.getString(39))
                    .as("the card's answer of the first load under a new STAN")
                    .isEqualTo("94");
            assertThat(replay.hasField(48)).isFalse();
            assertThat(second.getString(39))
                    .as("the first load's TAC offered for the replay")
                    .isNotEqualTo("00");
            assertThat(ledger.cardFloat(asn)).isEqualTo(10_000).isEqualTo(card.balance());
            assertThat(suspense(asn))
                    .as("nothing left waiting in load suspense")
                    .isZero();
            assertThat(loads(asn)).isEqualTo(1);
            assertThat(ledger.trialBalance().balanced()).isTrue();
        }
    }

    @Test
    void sameCardAnswer_underANewStan_afterTheFirstWasCompleted_isRefused94() throws Exception {
        try (TerminalClient t = client()) {
            String[] now = TestData.dateTime(0);
            byte[] answer = card.initializeForLoad(5_000, terminalId);
            ISOMsg first = t.authorise(asn, 5_000, t.nextStan(), now[0], now[1], answer);
            assertThat(t.complete(first, card.creditForLoad(first.getBytes(48))).getString(39))
                    .isEqualTo("00");

            ISOMsg replay = t.authorise(asn, 5_000, t.nextStan(), now[0], now[1], answer);
            assertThat(replay.getString(39)).isEqualTo("94");
            assertThat(suspense(asn)).isZero();
            assertThat(loads(asn)).isEqualTo(1);
        }
    }

    @Test
    void theVerySameRequest_repeated_isAnsweredFromTheStoredAnswer_andCreditedOnce() throws Exception {
        try (TerminalClient t = client()) {
            String[] now = TestData.dateTime(0);
            byte[] answer = card.initializeForLoad(3_000, terminalId);
            String stan = t.nextStan();
            ISOMsg first = t.authorise(asn, 3_000, stan, now[0], now[1], answer);
            ISOMsg again = t.authorise(asn, 3_000, stan, now[0], now[1], answer);
            assertThat(again.getString(39)).isEqualTo("00");
            assertThat(again.getString(37)).isEqualTo(first.getString(37));
            assertThat(again.getBytes(48)).isEqualTo(first.getBytes(48));
            byte[] tac = card.creditForLoad(first.getBytes(48));
            assertThat(t.complete(first, tac).getString(39)).isEqualTo("00");
            assertThat(t.complete(again, tac).getString(39)).isEqualTo("00");
            assertThat(ledger.cardFloat(asn)).isEqualTo(3_000);
            assertThat(loads(asn)).isEqualTo(1);
        }
    }

    @Test
    void stanUsedAgain_afterTheTerminalsCounterWrapped_onALaterDay_isANewLoad() throws Exception {
        String yesterday =
                LocalDate.now(MutableClock.BUSINESS_ZONE).minusDays(1).format(DateTimeFormatter.BASIC_ISO_DATE);
        try (TerminalClient t = client()) {
            ISOMsg old =
                    t.authorise(asn, 1_000, "000001", yesterday, "090000", card.initializeForLoad(1_000, terminalId));
            assertThat(old.getString(39)).isEqualTo("00");
            assertThat(t.complete(old, card.creditForLoad(old.getBytes(48))).getString(39))
                    .isEqualTo("00");
            ISOMsg last =
                    t.authorise(asn, 1_000, "999999", yesterday, "235959", card.initializeForLoad(1_000, terminalId));
            assertThat(last.getString(39)).isEqualTo("00");
            assertThat(t.complete(last, card.creditForLoad(last.getBytes(48))).getString(39))
                    .isEqualTo("00");

            // the terminal's counter wrapped 999999 → 000001: today's first load uses yesterday's first STAN
            String[] now = TestData.dateTime(0);
            ISOMsg wrapped =
                    t.authorise(asn, 2_000, "000001", now[0], now[1], card.initializeForLoad(2_000, terminalId));
            assertThat(wrapped.getString(39)).as("STAN 000001 of a new day").isEqualTo("00");
            assertThat(t.complete(wrapped, card.creditForLoad(wrapped.getBytes(48)))
                            .getString(39))
                    .isEqualTo("00");
            assertThat(ledger.cardFloat(asn)).isEqualTo(4_000).isEqualTo(card.balance());

            // yesterday's 000001 with other content is still refused: that key is kept
            ISOMsg oldAgain =
                    t.authorise(asn, 1_500, "000001", yesterday, "090000", card.initializeForLoad(1_500, terminalId));
            assertThat(oldAgain.getString(39)).isEqualTo("94");
            assertThat(ledger.cardFloat(asn)).isEqualTo(4_000);
            assertThat(loads(asn)).isEqualTo(3);
        }
    }

    @Test
    void loadReversed_thenTheCardsNextAnswerOnTheSameCounter_isApproved() throws Exception {
        try (TerminalClient t = client()) {
            String[] now = TestData.dateTime(0);
            ISOMsg first =
                    t.authorise(asn, 2_000, t.nextStan(), now[0], now[1], card.initializeForLoad(2_000, terminalId));
            assertThat(first.getString(39)).isEqualTo("00");
            assertThat(t.reverse(first).getString(39)).isEqualTo("00");

            // the card never took it: its online counter is unchanged, the next INITIALIZE FOR LOAD carries it again
            ISOMsg retry =
                    t.authorise(asn, 2_000, t.nextStan(), now[0], now[1], card.initializeForLoad(2_000, terminalId));
            assertThat(retry.getString(39)).isEqualTo("00");
            assertThat(t.complete(retry, card.creditForLoad(retry.getBytes(48))).getString(39))
                    .isEqualTo("00");
            assertThat(ledger.cardFloat(asn)).isEqualTo(2_000);
            assertThat(suspense(asn)).isZero();
        }
    }

    @Test
    void secondAnswerOnTheSameCounter_whileTheFirstLoadIsOpen_isRefused94() throws Exception {
        try (TerminalClient t = client()) {
            String[] now = TestData.dateTime(0);
            ISOMsg first =
                    t.authorise(asn, 2_000, t.nextStan(), now[0], now[1], card.initializeForLoad(2_000, terminalId));
            assertThat(first.getString(39)).isEqualTo("00");
            ISOMsg second =
                    t.authorise(asn, 2_000, t.nextStan(), now[0], now[1], card.initializeForLoad(2_000, terminalId));
            assertThat(second.getString(39))
                    .as("a second load on online counter 0 before the first is completed or reversed")
                    .isEqualTo("94");
            assertThat(suspense(asn)).isEqualTo(2_000);
        }
    }

    /**
     * A new load's reads are one statement (issue 23): the card's hotlisting is read with the keys of the load, at
     * every authorisation, so a card listed after its last load is refused 41 at once: no money is held or credited
     * (the declined load is kept, for the answer of a repeat).
     */
    @Test
    void cardListedAfterItsLastLoad_isRefused41_andNothingMoves() throws Exception {
        try (TerminalClient t = client()) {
            String[] now = TestData.dateTime(0);
            ISOMsg first =
                    t.authorise(asn, 1_000, t.nextStan(), now[0], now[1], card.initializeForLoad(1_000, terminalId));
            assertThat(first.getString(39)).isEqualTo("00");
            assertThat(t.complete(first, card.creditForLoad(first.getBytes(48))).getString(39))
                    .isEqualTo("00");

            hotlist.add(asn, "reported lost", "test");
            ISOMsg listed =
                    t.authorise(asn, 1_000, t.nextStan(), now[0], now[1], card.initializeForLoad(1_000, terminalId));
            assertThat(listed.getString(39)).isEqualTo("41");
            assertThat(loads(asn)).isEqualTo(1);
            assertThat(suspense(asn)).isZero();
            assertThat(ledger.cardFloat(asn)).isEqualTo(1_000);
        }
    }

    long suspense(String asn) {
        return jdbc.queryForObject(
                "SELECT COALESCE(SUM(credit), 0) - COALESCE(SUM(debit), 0) FROM posting WHERE account = ? AND asn = ?",
                Long.class,
                Account.LOAD_SUSPENSE.name(),
                asn);
    }

    long loads(String asn) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM load_txn WHERE asn = ? AND status <> 'DECLINED'", Long.class, asn);
    }
}
