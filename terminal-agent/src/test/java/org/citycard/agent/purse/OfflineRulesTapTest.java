package org.citycard.agent.purse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.citycard.agent.journal.JournalEntry;
import org.citycard.agent.session.AgentEvent;
import org.citycard.agent.session.TapRequest;
import org.citycard.agent.testing.SimRig;
import org.citycard.applet.sim.SimulatedCard;
import org.citycard.cardlink.command.GetBalance;
import org.citycard.dictionary.Code;
import org.citycard.dictionary.Dictionary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The offline rules on the tap path ({@link OfflineRules}), on the real applets in jCardSim: the card's dates, the
 * per-purchase and per-day limits of the terminal parameters, the counter's warning on the receipt. A refusal
 * debits nothing and journals nothing, and says why in the words of the dictionary's citizen-message table.
 */
class OfflineRulesTapTest {
    private static final String ASN = "31000000000000012345";
    private SimRig rig;

    @BeforeEach
    void setUp() {
        rig = new SimRig().loop();
    }

    @AfterEach
    void tearDown() {
        rig.close();
    }

    /** A demo card valid from {@code start} to {@code expiry}, with this balance. */
    private SimulatedCard card(LocalDate start, LocalDate expiry, long balance) {
        return rig.card(ASN, balance, start, expiry);
    }

    private static long balance(SimulatedCard card) {
        PurseCard.select(SimRig.direct(card));
        return GetBalance.send(SimRig.direct(card));
    }

    private static TapRequest pay(long fen) {
        return new TapRequest.Pay(new PurchaseRequest(fen, "0201", "W-1", null));
    }

    private AgentEvent payOnce(SimulatedCard card, long fen) throws InterruptedException {
        rig.agent.taps().arm(pay(fen));
        return rig.tap(card);
    }

    private static void assertRefused(AgentEvent e, String code) {
        Code m = Dictionary.standard().codeTable("citizen-message").find(code).orElseThrow();
        assertThat(e.type()).isEqualTo("error");
        assertThat(e.data())
                .containsEntry("kind", "offline")
                .containsEntry("message", code)
                .containsEntry("zh", m.zh())
                .containsEntry("en", m.en());
    }

    private long purchasesJournaled() {
        return rig.journal.all().stream()
                .filter(j -> j.record().recordType().equals(TxTypes.PURCHASE))
                .count();
    }

    @Test
    void expiredCard_isRefusedOffline_nothingDebitedNorJournaled() throws Exception {
        LocalDate today = LocalDate.now();
        SimulatedCard card = card(today.minusYears(10), today.minusDays(1), 5_000);
        AgentEvent e = payOnce(card, 300);
        assertRefused(e, OfflineRules.EXPIRED);
        assertThat(balance(card)).isEqualTo(5_000);
        assertThat(rig.journal.all()).isEmpty();
    }

    @Test
    void notYetValidCard_isRefusedOffline_nothingDebitedNorJournaled() throws Exception {
        LocalDate today = LocalDate.now();
        SimulatedCard card = card(today.plusDays(1), today.plusYears(10), 5_000);
        AgentEvent e = payOnce(card, 300);
        assertRefused(e, OfflineRules.NOT_YET_VALID);
        assertThat(balance(card)).isEqualTo(5_000);
        assertThat(rig.journal.all()).isEmpty();
    }

    @Test
    void validCard_onItsLastDay_pays_withoutAWarning() throws Exception {
        LocalDate today = LocalDate.now();
        SimulatedCard card = card(today, today, 5_000);
        AgentEvent e = payOnce(card, 300);
        assertThat(e.type()).isEqualTo("receipt");
        assertThat(e.data()).containsEntry("balance", 4_700L).doesNotContainKey("warning");
        assertThat(balance(card)).isEqualTo(4_700);
        assertThat(rig.journal.all())
                .singleElement()
                .extracting(JournalEntry::state)
                .isEqualTo(JournalEntry.State.COMPLETE);
    }

    @Test
    void aboveThePerPurchaseLimit_isRefused_atTheDictionaryDefault_andAtTheServersParameter() throws Exception {
        SimulatedCard card = rig.card(ASN, 90_000);
        long limit = Dictionary.standard().parameter("offline_purchase_limit").asLong();
        assertRefused(payOnce(card, limit + 1), OfflineRules.ABOVE_PURCHASE_LIMIT);
        assertThat(balance(card)).isEqualTo(90_000);
        assertThat(rig.journal.all()).isEmpty();

        rig.journal.lists().applyParameters("7", Map.of(OfflineRules.P_PURCHASE_LIMIT, "500"));
        assertRefused(payOnce(card, 501), OfflineRules.ABOVE_PURCHASE_LIMIT);
        assertThat(payOnce(card, 500).type()).isEqualTo("receipt");
        assertThat(balance(card)).isEqualTo(89_500);
        assertThat(purchasesJournaled()).isEqualTo(1);
    }

    @Test
    void aCardOnAKeyVersionTheServerRetired_isRefusedOffline_nothingDebitedNorJournaled() throws Exception {
        SimulatedCard card = rig.card(ASN, 5_000); // key version 01
        rig.journal.lists().applyParameters("9", Map.of(OfflineRules.P_RETIRED_KEY_VERSIONS, "[2, 3]"));
        assertThat(payOnce(card, 100).type()).as("01 is not retired").isEqualTo("receipt");
        rig.journal.lists().applyParameters("10", Map.of(OfflineRules.P_RETIRED_KEY_VERSIONS, "[1]"));
        assertRefused(payOnce(card, 100), OfflineRules.KEY_VERSION_RETIRED);
        assertThat(balance(card)).isEqualTo(4_900);
        assertThat(purchasesJournaled()).isEqualTo(1);
        rig.journal.lists().applyParameters("11", Map.of(OfflineRules.P_RETIRED_KEY_VERSIONS, "[]"));
        assertThat(payOnce(card, 100).type()).isEqualTo("receipt");
    }

    @Test
    void aPurchaseTakingTodaysSpendingAboveThePerDayLimit_isRefused() throws Exception {
        rig.journal.lists().applyParameters("8", Map.of(OfflineRules.P_DAILY_LIMIT, "1000"));
        SimulatedCard card = rig.card(ASN, 5_000);
        assertThat(payOnce(card, 600).type()).isEqualTo("receipt");
        assertRefused(payOnce(card, 401), OfflineRules.ABOVE_DAILY_LIMIT);
        assertThat(balance(card)).isEqualTo(4_400);
        // up to the limit exactly is allowed
        assertThat(payOnce(card, 400).type()).isEqualTo("receipt");
        assertRefused(payOnce(card, 1), OfflineRules.ABOVE_DAILY_LIMIT);
        assertThat(balance(card)).isEqualTo(4_000);
        assertThat(purchasesJournaled()).isEqualTo(2);
        // another card has its own day
        SimulatedCard other = rig.card("31000000000000012346", 5_000);
        assertThat(payOnce(other, 1_000).type()).isEqualTo("receipt");
    }

    @Test
    void aCardWhoseCounterIsAtFFFF_isRefusedWithTheReplaceTheCardMessage() throws Exception {
        // the purse applet answers 6985 to INITIALIZE FOR PURCHASE once its offline counter is FFFF
        // (PurchaseCommands.initialize); the simulator personalises counters from 0 and 65,535 purchases are too
        // many for a test, so this transport gives the real card's commands to it and that answer for INITIALIZE
        SimulatedCard card = rig.card(ASN, 5_000);
        org.citycard.cardlink.ApduTransport atTheEnd =
                cmd -> (cmd[1] & 0xFF) == 0x50 ? new byte[] {0x69, (byte) 0x85} : card.transmit(cmd);
        rig.agent.taps().arm(pay(100));
        AgentEvent e = rig.agent.tap(atTheEnd);
        assertRefused(e, OfflineRules.COUNTER_AT_END);
        assertThat((String) e.data().get("en")).contains("replace it at a service counter");
        assertThat(balance(card)).isEqualTo(5_000);
        assertThat(rig.journal.all()).isEmpty();
    }

    @Test
    void aCounterAtTheWarningValue_isWarnedOnTheReceipt() throws Exception {
        // the simulator personalises counters from 0: the warning value moved down to the card's counter instead
        rig.journal.lists().applyParameters("9", Map.of(OfflineRules.P_COUNTER_WARNING, "1"));
        SimulatedCard card = rig.card(ASN, 5_000);
        AgentEvent first = payOnce(card, 100);
        assertThat(first.type()).isEqualTo("receipt");
        int seq = ((Number) first.data().get("seq")).intValue();
        AgentEvent next = payOnce(card, 100);
        assertThat(next.type()).isEqualTo("receipt");
        assertThat(((Number) next.data().get("seq")).intValue()).isGreaterThan(seq);
        Code m = OfflineRules.message(OfflineRules.COUNTER_NEAR_END);
        if (seq >= 1) {
            assertThat(first.data()).containsEntry("warning", OfflineRules.COUNTER_NEAR_END);
        } else {
            assertThat(first.data()).doesNotContainKey("warning");
        }
        assertThat(next.data())
                .containsEntry("warning", OfflineRules.COUNTER_NEAR_END)
                .containsEntry("warningZh", m.zh())
                .containsEntry("warningEn", m.en());
        assertThat(balance(card)).isEqualTo(4_800);
    }
}
