package org.citycard.agent.purse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.citycard.agent.journal.JournalEntry;
import org.citycard.agent.session.AgentEvent;
import org.citycard.agent.session.TapRequest;
import org.citycard.agent.testing.SimRig;
import org.citycard.applet.sim.SimulatedCard;
import org.citycard.cardlink.command.GetBalance;
import org.citycard.dictionary.crypto.Algorithm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A city where 3DES and SM4 cards live side by side (CARD-SPEC §7): the real applets in jCardSim behind
 * javax.smartcardio, one tap loop, one PSAM holding the MPK and MAMK of both algorithms. Each card's INITIALIZE
 * answer names its algorithm; the agent hands it to INIT SAM FOR PURCHASE and journals it with the record.
 */
class MixedAlgorithmTapTest {
    private static final String TDES_ASN = "31000000000000012345";
    private static final String SM4_ASN = "31000000000000067890";
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
    void sm4AndTdesCards_payInOneTapLoop_againstOnePsam_eachJournaledWithItsAlgorithm() throws Exception {
        SimulatedCard tdes = rig.card(TDES_ASN, 10_000);
        SimulatedCard sm4 = rig.card(SM4_ASN, 10_000, Algorithm.SM4);

        rig.agent.taps().arm(pay(400, "BUS-1"));
        AgentEvent first = rig.tap(sm4);
        rig.agent.taps().arm(pay(250, "BUS-1"));
        AgentEvent second = rig.tap(tdes);
        rig.agent.taps().arm(pay(100, "BUS-1"));
        AgentEvent third = rig.tap(sm4);

        assertThat(List.of(first.type(), second.type(), third.type())).containsOnly("receipt");
        assertThat(first.data()).containsEntry("balance", 9_600L);
        assertThat(second.data()).containsEntry("balance", 9_750L);
        assertThat(third.data()).containsEntry("balance", 9_500L);
        assertThat(balance(sm4)).isEqualTo(9_500);
        assertThat(balance(tdes)).isEqualTo(9_750);
        assertThat(rig.journal.all()).extracting(JournalEntry::state).containsOnly(JournalEntry.State.COMPLETE);
        assertThat(rig.journal.all())
                .extracting(j -> j.record().asn() + " alg " + j.record().algorithmId() + " TTSN "
                        + j.record().ttsn())
                .containsExactly(SM4_ASN + " alg 4 TTSN 1", TDES_ASN + " alg 0 TTSN 2", SM4_ASN + " alg 4 TTSN 3");
        assertThat(rig.journal.all()).allMatch(j -> j.tac().length() == 8);
    }

    @Test
    void sm4Card_loadsThroughTheAgent_andAHotlistedSm4CardIsBlockedWithTheSm4BlockMac() throws Exception {
        SimulatedCard sm4 = rig.card(SM4_ASN, 1_000, Algorithm.SM4);
        rig.agent.taps().arm(new TapRequest.Load(2_000));
        AgentEvent loaded = rig.tap(sm4);
        assertThat(loaded.type()).isEqualTo("loaded");
        assertThat(balance(sm4)).isEqualTo(3_000);

        rig.journal.lists().applyHotlist("00000002", true, List.of(SM4_ASN), List.of());
        AgentEvent e = rig.tap(sm4);

        assertThat(e.type()).isEqualTo("hotlisted");
        assertThat(PurseCard.select(SimRig.direct(sm4)).blocked()).isTrue();
        JournalEntry a1 = rig.journal.all().stream()
                .filter(j -> j.record().recordType().equals("A1"))
                .findFirst()
                .orElseThrow();
        assertThat(a1.record().algorithmId())
                .as("the block journaled with the card's algorithm")
                .isEqualTo(4);
        assertThat(a1.record().balanceBefore()).isEqualTo(3_000);
        assertThat(rig.tap(sm4).type()).isEqualTo("blocked");
    }
}
