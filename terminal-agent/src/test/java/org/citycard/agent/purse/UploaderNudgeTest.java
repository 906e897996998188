package org.citycard.agent.purse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.citycard.agent.journal.Journal;
import org.citycard.agent.session.AgentEvent;
import org.citycard.agent.session.TapRequest;
import org.citycard.agent.testing.SimRig;
import org.citycard.applet.sim.SimulatedCard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The money paths nudge the uploader themselves, once their event is journaled: no page event and no event name
 * is involved (the bus may have no listener at all).
 */
class UploaderNudgeTest {
    private static final String ASN = "31000000000000012346";
    private SimRig rig;
    private PurseTerminal terminal;

    @BeforeEach
    void setUp() {
        rig = new SimRig();
        terminal = new PurseTerminal(
                rig.readers.psam(),
                PurseTerminal.readTerminalId(rig.readers.psam()),
                rig.journal,
                Clock.systemDefaultZone(),
                "0201");
    }

    @AfterEach
    void tearDown() {
        rig.close();
    }

    @Test
    void purchase_nudgesOnce_whenTheRecordIsCompleteAndAwaitsUpload() {
        SimulatedCard card = rig.card(ASN, 10_000);
        List<Integer> awaitingAtNudge = new ArrayList<>();
        PurchaseService service =
                new PurchaseService(terminal, () -> awaitingAtNudge.add(rig.journal.awaitingUpload()));

        PurseCard purse = PurseCard.select(SimRig.direct(card));
        service.purchase(SimRig.direct(card), purse, new PurchaseRequest(250, "0201", "W-1", null));

        // one nudge, made after the TAC was journaled: the record was already waiting for the uploader
        assertThat(awaitingAtNudge).containsExactly(1);
    }

    @Test
    void refusedPurchase_doesNotNudge_forNothingWasJournaledToUpload() {
        SimulatedCard card = rig.card(ASN, 100);
        AtomicInteger nudges = new AtomicInteger();
        PurchaseService service = new PurchaseService(terminal, nudges::incrementAndGet);

        PurseCard purse = PurseCard.select(SimRig.direct(card));
        try {
            service.purchase(SimRig.direct(card), purse, new PurchaseRequest(5_000, "0201", "W-1", null));
        } catch (RuntimeException refused) {
            // the card refuses: balance too low
        }

        assertThat(nudges).hasValue(0);
        assertThat(rig.journal.awaitingUpload()).isZero();
    }

    @Test
    void hotlistBlock_nudgesOnce_afterItsRecordIsJournaled() {
        SimulatedCard card = rig.card(ASN, 1_000);
        AtomicInteger nudges = new AtomicInteger();
        HotlistBlocker blocker = new HotlistBlocker(terminal, nudges::incrementAndGet);

        PurseCard purse = PurseCard.select(SimRig.direct(card));
        blocker.block(SimRig.direct(card), purse);

        assertThat(nudges).hasValue(1);
        assertThat(rig.journal.awaitingUpload()).isEqualTo(1);
    }

    @Test
    void agentPurchase_reachesTheHostLongBeforeTheUploadInterval_withoutAnyEventListener() throws Exception {
        rig.close();
        SimRig slow =
                new SimRig(org.citycard.agent.testing.TestIsoHost.start(), Journal.inMemory("nudge-slow"), 600_000);
        rig = slow;
        SimulatedCard card = slow.card(ASN, 10_000);
        slow.agent.taps().arm(new TapRequest.Pay(new PurchaseRequest(400, "0201", "W-2", null)));

        AgentEvent e = slow.agent.tap(SimRig.direct(card));

        assertThat(e.type()).isEqualTo("receipt");
        long deadline = System.currentTimeMillis() + 10_000;
        while (slow.host.storedRecords().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(slow.host.storedRecords()).hasSize(1);
    }
}
