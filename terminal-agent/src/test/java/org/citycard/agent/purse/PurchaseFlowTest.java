package org.citycard.agent.purse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.citycard.agent.journal.JournalEntry;
import org.citycard.agent.session.AgentEvent;
import org.citycard.agent.session.TapRequest;
import org.citycard.agent.testing.SimRig;
import org.citycard.applet.sim.SimulatedCard;
import org.citycard.cardlink.command.GetBalance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Purchases on the real applets in jCardSim behind javax.smartcardio, through the agent's tap loop. */
class PurchaseFlowTest {
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

    private static long balance(SimulatedCard card) {
        PurseCard.select(SimRig.direct(card));
        return GetBalance.send(SimRig.direct(card));
    }

    private static TapRequest pay(long fen, String payee) {
        return new TapRequest.Pay(new PurchaseRequest(fen, "0201", payee, null));
    }

    @Test
    void purchase_debitsOnce_journalsTheTac_andUploadsTheRecord() throws Exception {
        SimulatedCard card = rig.card(ASN, 10_000);
        rig.agent.taps().arm(pay(400, "W-2026-001"));
        AgentEvent e = rig.tap(card);
        assertThat(e.type()).isEqualTo("receipt");
        assertThat(e.data()).containsEntry("amount", 400L).containsEntry("balance", 9_600L);
        assertThat(balance(card)).isEqualTo(9_600);
        JournalEntry r = rig.journal.all().get(0);
        assertThat(r.state()).isEqualTo(JournalEntry.State.COMPLETE);
        assertThat(r.tac()).hasSize(8);
        assertThat(r.record().ttsn()).isEqualTo(1);
        assertThat(rig.agent.drain(10_000)).isTrue();
        assertThat(rig.host.storedRecords())
                .containsExactly(ASN + "/" + r.record().offlineSeq() + "/06");
        // the next tap with nothing armed only shows the balance: no second debit
        assertThat(rig.tap(card).data()).containsEntry("balance", 9_600L);
    }

    @Test
    void purchase_whenBalanceTooLow_isRefusedAndNothingIsDebited() throws Exception {
        SimulatedCard card = rig.card(ASN, 100);
        rig.agent.taps().arm(pay(400, ""));
        AgentEvent e = rig.tap(card);
        assertThat(e.type()).isEqualTo("error");
        assertThat(e.data()).containsEntry("kind", "INSUFFICIENT_FUNDS").containsEntry("sw", "9401");
        assertThat(balance(card)).isEqualTo(100);
        assertThat(rig.journal.awaitingUpload()).isZero();
    }

    @Test
    void lostDebitAnswer_isProvenOnTheNextTap_neverDebitedTwice() throws Exception {
        SimulatedCard card = rig.card(ASN, 10_000);
        rig.agent.taps().arm(pay(250, "GAS-77"));
        AgentEvent lost = rig.agent.tap(SimRig.losing(card, 0x54, true, new AtomicInteger(1)));
        assertThat(lost.type()).isEqualTo("error");
        assertThat(lost.data()).containsEntry("kind", "lost");
        assertThat(rig.journal.pendingCount()).isEqualTo(1);
        assertThat(rig.agent.taps().armedRequest()).isNotNull();

        AgentEvent again = rig.tap(card);
        assertThat(again.type()).isEqualTo("receipt");
        assertThat(again.data()).containsEntry("recovered", true).containsEntry("balance", 9_750L);
        assertThat(balance(card)).isEqualTo(9_750);
        assertThat(rig.journal.all()).hasSize(1);
        assertThat(rig.journal.all().get(0).state()).isEqualTo(JournalEntry.State.COMPLETE);
        assertThat(rig.agent.taps().armedRequest()).isNull();
    }

    @Test
    void lostDebitBeforeTheCardGotIt_isVoidedAndPaidOnceOnTheNextTap() throws Exception {
        SimulatedCard card = rig.card(ASN, 10_000);
        rig.agent.taps().arm(pay(250, "GAS-78"));
        rig.agent.tap(SimRig.losing(card, 0x54, false, new AtomicInteger(1)));
        AgentEvent again = rig.tap(card);
        assertThat(again.type()).isEqualTo("receipt");
        assertThat(again.data()).containsEntry("recovered", false);
        assertThat(balance(card)).isEqualTo(9_750);
        assertThat(rig.journal.all())
                .extracting(JournalEntry::state)
                .containsExactly(JournalEntry.State.VOID, JournalEntry.State.COMPLETE);
    }

    @Test
    void compoundPurchase_updatesTheDepartmentRecordWithTheDebit() throws Exception {
        SimulatedCard card = rig.card(ASN, 10_000);
        rig.agent.taps().arm(new TapRequest.Pay(new PurchaseRequest(1_234, "0201", "WATER-9", "02")));
        AgentEvent e = rig.tap(card);
        assertThat(e.type()).isEqualTo("receipt");
        assertThat(rig.journal.all().get(0).record().recordType()).isEqualTo("09");
        PurseCard.select(SimRig.direct(card));
        byte[] rec = org.citycard.cardlink.command.ReadRecord.send(
                SimRig.direct(card), 0x17, PurchaseService.departmentRecord("02"));
        assertThat(rec[3]).as("use count").isEqualTo((byte) 1);
        assertThat(org.citycard.dictionary.codec.Amounts.fromBytes(rec, 8, 4)).isEqualTo(1_234);
        assertThat(balance(card)).isEqualTo(10_000 - 1_234);
        assertThat(rig.agent.drain(10_000)).isTrue();
        assertThat(rig.host.storedRecords()).hasSize(1);
    }

    @Test
    void transactionLog_showsThePurchases() throws Exception {
        SimulatedCard card = rig.card(ASN, 10_000);
        rig.agent.taps().arm(pay(100, ""));
        rig.tap(card);
        rig.agent.taps().arm(pay(200, ""));
        rig.tap(card);
        AgentEvent q = rig.tap(card);
        assertThat(q.type()).isEqualTo("balance");
        @SuppressWarnings("unchecked")
        var log = (java.util.List<java.util.Map<String, Object>>) q.data().get("log");
        assertThat(log).extracting(m -> m.get("amount")).startsWith(200L, 100L);
        assertThat(log.get(0).get("type")).isEqualTo("06");
    }

    @Test
    void readerUnpluggedAndPluggedBack_isUsedAgainWithoutRestart() throws Exception {
        SimulatedCard card = rig.card(ASN, 10_000);
        rig.registry.remove(rig.cardReader);
        Thread.sleep(800);
        rig.registry.add(rig.cardReader);
        rig.agent.taps().arm(pay(100, ""));
        assertThat(rig.tap(card).type()).isEqualTo("receipt");
    }
}
