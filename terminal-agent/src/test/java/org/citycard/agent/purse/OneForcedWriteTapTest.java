package org.citycard.agent.purse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.citycard.agent.iso.IsoConfig;
import org.citycard.agent.journal.Journal;
import org.citycard.agent.journal.JournalEntry;
import org.citycard.agent.journal.JournalKill;
import org.citycard.agent.runtime.TerminalAgent;
import org.citycard.agent.session.AgentEvent;
import org.citycard.agent.session.TapRequest;
import org.citycard.agent.simulate.SimulatedCards;
import org.citycard.cardlink.ApduTransport;
import org.citycard.cardlink.command.GetBalance;
import org.citycard.dictionary.crypto.Algorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One forced write a tap (issue 23): the purchase's record is forced to the tap log before the debit, its TAC rides
 * the log's next forced write. The agent dying between the receipt and that commit must lose nothing and double nothing:
 * the record is PENDING after the restart and the card's next tap proves it (GET TRANSACTION PROVE) — the real
 * applets in jCardSim, a file journal, the tap log replayed into Derby at open.
 */
class OneForcedWriteTapTest {
    private static final String ASN = "31000000000000099001";

    @TempDir
    Path dir;

    @Test
    void theAgentDyingBeforeTheTacIsOnDisk_leavesThePurchasePending_andTheCardsNextTapProvesIt_debitedOnce()
            throws Exception {
        SimulatedCards sim = new SimulatedCards(Algorithm.TDES);
        ApduTransport card = sim.citizen(ASN, 10_000, "999999999999");
        ApduTransport psam = sim.psam("123456789012");
        Path journalDir = dir.resolve("journal");
        Journal dying = Journal.open(journalDir);
        TerminalAgent first = agent(psam, dying);
        first.taps().arm(pay(first));
        AgentEvent receipt;
        // the journal's lock held from the tap to the "kill": its own flush cannot force the TAC in between
        synchronized (dying) {
            receipt = first.tap(card);
            JournalKill.kill(dying);
        }
        assertThat(receipt.type()).isEqualTo("receipt");
        assertThat(receipt.data().get("balance")).isEqualTo(10_000L - 250);
        first.close();

        try (Journal journal = Journal.open(journalDir);
                TerminalAgent second = agent(psam, journal)) {
            List<JournalEntry> after = journal.all();
            assertThat(after).hasSize(1);
            assertThat(after.get(0).state())
                    .as("the record was forced to the tap log before the debit; its TAC was not yet")
                    .isEqualTo(JournalEntry.State.PENDING);

            second.taps().arm(pay(second));
            AgentEvent again = second.tap(card);
            assertThat(again.type()).isEqualTo("receipt");
            assertThat(again.data().get("recovered")).isEqualTo(true);
            assertThat(again.data().get("tac")).isEqualTo(receipt.data().get("tac"));

            List<JournalEntry> proven = journal.all();
            assertThat(proven).hasSize(1);
            assertThat(proven.get(0).state()).isEqualTo(JournalEntry.State.COMPLETE);
            assertThat(proven.get(0).tac()).isEqualTo(receipt.data().get("tac"));
            assertThat(journal.awaitingUpload()).isEqualTo(1);
        }
        PurseCard.select(card);
        assertThat(GetBalance.send(card)).as("debited once").isEqualTo(10_000L - 250);
    }

    @Test
    void tapsInARow_eachCommitTheTacOfTheTapBefore_andCloseCommitsTheLast() throws Exception {
        SimulatedCards sim = new SimulatedCards(Algorithm.TDES);
        ApduTransport card = sim.citizen(ASN, 10_000, "999999999999");
        ApduTransport psam = sim.psam("123456789012");
        Path journalDir = dir.resolve("journal");
        try (Journal journal = Journal.open(journalDir);
                TerminalAgent agent = agent(psam, journal)) {
            for (int i = 0; i < 5; i++) {
                agent.taps().arm(pay(agent));
                assertThat(agent.tap(card).type()).isEqualTo("receipt");
            }
        }
        try (Journal journal = Journal.open(journalDir)) {
            assertThat(journal.all()).hasSize(5).allSatisfy(e -> assertThat(e.state())
                    .isEqualTo(JournalEntry.State.COMPLETE));
            assertThat(journal.awaitingUpload()).isEqualTo(5);
        }
    }

    private static TerminalAgent agent(ApduTransport psam, Journal journal) {
        return TerminalAgent.builder()
                .psam(psam)
                .journal(journal)
                .iso(new IsoConfig("127.0.0.1", 9, Duration.ofMillis(100), Duration.ofMillis(100)))
                .demoTerminalKey()
                .build();
    }

    private static TapRequest pay(TerminalAgent agent) {
        return new TapRequest.Pay(new PurchaseRequest(250, agent.department(), "GAS-1", null));
    }
}
