package org.citycard.agent.purse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.citycard.agent.journal.LoadEvent;
import org.citycard.agent.session.AgentEvent;
import org.citycard.agent.session.TapRequest;
import org.citycard.agent.testing.SimRig;
import org.citycard.agent.testing.TestIsoHost;
import org.citycard.applet.sim.SimulatedCard;
import org.citycard.cardlink.command.GetBalance;
import org.citycard.dictionary.record.OfflineRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Loads, hotlist blocks, identity and PIN change on the real applets, against the jPOS test host. */
class LoadAndQueryFlowTest {
    private static final String ASN = "31000000000000054321";
    private SimRig rig;

    @BeforeEach
    void setUp() {
        rig = new SimRig();
    }

    @AfterEach
    void tearDown() {
        rig.close();
    }

    /** Types this PIN when the terminal asks for it (its first "pin" prompt), as a citizen at the pad does. */
    private void pinWhenAsked(String pin) {
        rig.agent.events().subscribe(ev -> {
            if (ev.type().equals("pin")) {
                rig.agent.taps().offerPin(pin.toCharArray());
            }
        });
    }

    private static long balance(SimulatedCard card) {
        PurseCard.select(SimRig.direct(card));
        return GetBalance.send(SimRig.direct(card));
    }

    @Test
    void load_isAuthorisedCreditedAndCompleted() throws Exception {
        SimulatedCard card = rig.card(ASN, 1_000);
        rig.agent.taps().arm(new TapRequest.Load(10_000));
        AgentEvent e = rig.agent.tap(SimRig.direct(card));
        assertThat(e.type()).isEqualTo("loaded");
        assertThat(e.data()).containsEntry("balance", 11_000L);
        assertThat(balance(card)).isEqualTo(11_000);
        assertThat(rig.agent.drain(10_000)).isTrue();
        assertThat(rig.journal.loads().all()).extracting(LoadEvent::state).containsExactly(LoadEvent.State.COMPLETED);
        assertThat(rig.host.completedLoads()).containsValue(10_000L);
    }

    @Test
    void lostCreditAnswer_isProvenAndCompleted_neverCreditedTwice() throws Exception {
        SimulatedCard card = rig.card(ASN, 1_000);
        rig.agent.taps().arm(new TapRequest.Load(2_000));
        AgentEvent e = rig.agent.tap(SimRig.losing(card, 0x52, true, new AtomicInteger(1)));
        assertThat(e.type()).isEqualTo("loaded");
        assertThat(balance(card)).isEqualTo(3_000);
        assertThat(rig.agent.drain(10_000)).isTrue();
        assertThat(rig.host.completedLoads()).hasSize(1);
        assertThat(rig.host.reversedLoads()).isEmpty();
    }

    @Test
    void lostCreditThatTheCardNeverTook_isReversed() throws Exception {
        SimulatedCard card = rig.card(ASN, 1_000);
        rig.agent.taps().arm(new TapRequest.Load(2_000));
        AgentEvent e = rig.agent.tap(SimRig.losing(card, 0x52, false, new AtomicInteger(1)));
        assertThat(e.type()).isEqualTo("loadRefused");
        assertThat(balance(card)).isEqualTo(1_000);
        assertThat(rig.agent.drain(10_000)).isTrue();
        assertThat(rig.host.completedLoads()).isEmpty();
        assertThat(rig.host.reversedLoads()).hasSize(1);
    }

    @Test
    void lostCreditWithTheCardGone_isProvenOnTheNextTap() throws Exception {
        SimulatedCard card = rig.card(ASN, 1_000);
        rig.agent.taps().arm(new TapRequest.Load(2_000));
        // the CREDIT reaches the card, then the card leaves: neither the answer nor the proof arrive
        AgentEvent e = rig.agent.tap(
                SimRig.losing(card, 0x52, true, new AtomicInteger(1)).andLose(0x5A));
        assertThat(e.type()).isEqualTo("error");
        assertThat(rig.journal.loads().all().get(0).state()).isEqualTo(LoadEvent.State.UNCERTAIN);
        rig.agent.taps().disarm();
        AgentEvent next = rig.agent.tap(SimRig.direct(card));
        assertThat(next.type()).isEqualTo("balance");
        assertThat(next.data()).containsEntry("balance", 3_000L);
        assertThat(rig.agent.drain(10_000)).isTrue();
        assertThat(rig.host.completedLoads()).hasSize(1);
    }

    @Test
    void declinedLoad_leavesTheCardAlone() throws Exception {
        SimulatedCard card = rig.card(ASN, 1_000);
        rig.host.declineLoadsWith("05");
        rig.agent.taps().arm(new TapRequest.Load(2_000));
        AgentEvent e = rig.agent.tap(SimRig.direct(card));
        assertThat(e.type()).isEqualTo("loadRefused");
        assertThat(e.data()).containsEntry("responseCode", "05");
        assertThat(balance(card)).isEqualTo(1_000);
        assertThat(rig.journal.loads().all().get(0).state()).isEqualTo(LoadEvent.State.DECLINED);
    }

    @Test
    void hostSilentOnAuthorisation_reversesAndLeavesTheCardAlone() throws Exception {
        SimulatedCard card = rig.card(ASN, 1_000);
        rig.host.inject("0100", TestIsoHost.Fault.SILENT, 1);
        rig.agent.taps().arm(new TapRequest.Load(2_000));
        AgentEvent e = rig.agent.tap(SimRig.direct(card));
        assertThat(e.type()).isEqualTo("loadRefused");
        assertThat(balance(card)).isEqualTo(1_000);
        assertThat(rig.agent.drain(10_000)).isTrue();
        assertThat(rig.host.reversedLoads()).hasSize(1);
    }

    @Test
    void hotlistedCard_isBlockedWithThePsamMac_andTheEventJournaledAndUploaded() throws Exception {
        SimulatedCard card = rig.card(ASN, 1_000);
        rig.journal.lists().applyHotlist("00000002", true, java.util.List.of(ASN), java.util.List.of());
        rig.agent.taps().arm(new TapRequest.Pay(new PurchaseRequest(100, "0101", "", null)));
        AgentEvent e = rig.agent.tap(SimRig.direct(card));
        assertThat(e.type()).isEqualTo("hotlisted");
        OfflineRecord a1 = rig.journal.all().get(0).record();
        assertThat(a1.recordType()).isEqualTo("A1");
        assertThat(a1.ttsn()).isGreaterThan(0x8000_0000L);
        assertThat(PurseCard.select(SimRig.direct(card)).blocked()).isTrue();
        assertThat(rig.agent.tap(SimRig.direct(card)).type()).isEqualTo("blocked");
        assertThat(a1.balanceBefore()).isEqualTo(1_000);
        assertThat(rig.agent.drain(10_000)).isTrue();
        assertThat(rig.host.storedRecords()).containsExactly(ASN + "/0/A1");
    }

    @Test
    void cardBlockedButNeverJournaled_isJournaledOnItsNextTap() throws Exception {
        SimulatedCard card = rig.card(ASN, 1_000);
        // the agent blocked the card and was killed before its journal write
        PurseCard purse = PurseCard.select(SimRig.direct(card));
        byte[] challenge = org.citycard.cardlink.command.GetChallenge.send(SimRig.direct(card), 4);
        byte[] mac = org.citycard.cardlink.command.ComputeBlockMac.send(
                rig.psamCard::transmit,
                (byte) 0x00,
                purse.asnRight8(),
                challenge,
                org.citycard.cardlink.command.ApplicationBlock.header());
        org.citycard.cardlink.command.ApplicationBlock.send(SimRig.direct(card), mac);
        rig.journal.lists().applyHotlist("00000002", true, java.util.List.of(ASN), java.util.List.of());
        assertThat(rig.agent.tap(SimRig.direct(card)).type()).isEqualTo("blocked");
        assertThat(rig.journal.all()).extracting(e -> e.record().recordType()).containsExactly("A1");
        rig.agent.tap(SimRig.direct(card));
        assertThat(rig.journal.all()).hasSize(1);
    }

    @Test
    void identity_afterTheRightPin_showsTheHolderMasked() throws Exception {
        SimulatedCard card = rig.card(ASN, 1_000);
        rig.agent.taps().pinWait(5_000);
        pinWhenAsked("123456");
        rig.agent.taps().arm(new TapRequest.Query(true));
        AgentEvent e = rig.agent.tap(SimRig.direct(card));
        assertThat(e.type()).isEqualTo("identity");
        assertThat((String) e.data().get("name")).contains("*");
        assertThat((String) e.data().get("number")).contains("*").hasSize(18);
        assertThat(e.data()).containsEntry("balance", 1_000L);
    }

    @Test
    void identity_withAWrongPin_saysHowManyTriesAreLeft_andAsksAgainOnTheSameTap() throws Exception {
        SimulatedCard card = rig.card(ASN, 1_000);
        java.util.List<AgentEvent> retries = new java.util.concurrent.CopyOnWriteArrayList<>();
        Runnable off = rig.agent.events().subscribe(ev -> {
            if (ev.type().equals("pinRetry")) {
                retries.add(ev);
                rig.agent.taps().offerPin("123456".toCharArray());
            }
        });
        try {
            rig.agent.taps().pinWait(5_000);
            pinWhenAsked("999999");
            rig.agent.taps().arm(new TapRequest.Query(true));
            AgentEvent e = rig.agent.tap(SimRig.direct(card));
            assertThat(retries).hasSize(1);
            assertThat(retries.get(0).data()).containsEntry("why", "wrong").containsEntry("triesLeft", 2);
            assertThat(retries.get(0).toString()).doesNotContain("999999");
            assertThat(e.type()).isEqualTo("identity");
        } finally {
            off.run();
        }
    }

    @Test
    void identity_withAWrongPinEveryRound_blocksThePin_andSaysWhereToUnblockIt() throws Exception {
        SimulatedCard card = rig.card(ASN, 1_000);
        Runnable off = rig.agent.events().subscribe(ev -> {
            if (ev.type().equals("pinRetry")) {
                rig.agent.taps().offerPin("999999".toCharArray());
            }
        });
        try {
            rig.agent.taps().pinWait(5_000);
            pinWhenAsked("999999");
            rig.agent.taps().arm(new TapRequest.Query(true));
            AgentEvent e = rig.agent.tap(SimRig.direct(card));
            assertThat(e.type()).isEqualTo("error");
            // three prompts, three wrong PINs: the card's third refusal blocks the PIN (6983)
            assertThat(e.data()).containsEntry("kind", "PIN_BLOCKED").containsEntry("sw", "6983");
            assertThat((String) e.data().get("zh")).contains("发卡网点");
            assertThat(e.toString()).doesNotContain("999999");
        } finally {
            off.run();
        }
    }

    @Test
    void pinChange_thenTheNewPinOpensTheIdentity() throws Exception {
        SimulatedCard card = rig.card(ASN, 1_000);
        rig.agent.taps().arm(new TapRequest.ChangePin("123456".toCharArray(), "2468".toCharArray()));
        assertThat(rig.agent.tap(SimRig.direct(card)).type()).isEqualTo("pinChanged");
        card.reset();
        rig.agent.taps().pinWait(5_000);
        pinWhenAsked("2468");
        rig.agent.taps().arm(new TapRequest.Query(true));
        assertThat(rig.agent.tap(SimRig.direct(card)).type()).isEqualTo("identity");
    }
}
