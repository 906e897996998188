package org.citycard.applet.tearing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.citycard.applet.CardConstants;
import org.citycard.applet.sim.CitizenProfile;
import org.citycard.applet.sim.PsamProfile;
import org.citycard.applet.sim.SimPersonaliser;
import org.citycard.applet.tearing.PurseTerminal.PurchaseAttempt;
import org.citycard.dictionary.crypto.Algorithm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * CARD-SPEC §4.1, the terminal side of a tear: the citizen pulls the card away during DEBIT FOR PURCHASE (at any of
 * its writes, or after the last one with the answer lost on the way) and taps again. The terminal follows the
 * agent's rule — GET TRANSACTION PROVE for the counter of the unanswered debit; a proof that verifies (TAC with the
 * host crypto, MAC2 with the PSAM) is the purchase, 9406 means it never happened and the purchase is made again —
 * and the card ends debited exactly once, with exactly one log record, whatever the tear.
 */
class TerminalRecoveryTest {
    private static final long AMOUNT = 400;
    private static final byte PURCHASE = CardConstants.TX_PURCHASE;

    @ParameterizedTest(name = "{0} card")
    @EnumSource(Algorithm.class)
    void debitTornAtEveryWriteOrAnswerLost_nextTapProvesOrRetries_neverTwiceNeverLost(Algorithm algorithm) {
        TearableCard card = TearableCard.citizen();
        PurseTerminal terminal = PurseTerminal.demo(card, algorithm);
        SimPersonaliser perso = SimPersonaliser.demo(algorithm);
        perso.personaliseCitizen(card, CitizenProfile.demo());
        perso.load(card, CitizenProfile.DEMO_ASN, 10_000, PsamProfile.DEMO_TERMINAL_ID);
        card.checkpoint();
        PurseView start = PurseView.read(terminal);
        card.restore();
        card.startCounting();
        terminal.purchase(AMOUNT).require("DEBIT FOR PURCHASE");
        long writes = card.writes();

        List<String> failures = new ArrayList<>();
        int proven = 0;
        int retried = 0;
        int blindRetryWouldCharge = 0;
        for (long k = 1; k <= writes + 1; k++) {
            boolean answerLost = k == writes + 1;
            card.restore();
            PurchaseAttempt attempt = terminal.initializePurchase(AMOUNT, PURCHASE, 0, null);
            if (!answerLost) {
                card.armTear(k);
            }
            try {
                terminal.debit(attempt); // when the answer is lost, the terminal never sees it
                if (!answerLost) {
                    failures.add("tear " + k + ": the debit was not torn");
                }
            } catch (CardTornException expected) {
                // no answer: the terminal keeps the attempt for the next tap
            }
            card.powerCycle(); // the citizen taps again
            if (PurseView.read(terminal).balance() != start.balance()) {
                blindRetryWouldCharge++;
            }
            card.powerCycle();

            List<String> journal = new ArrayList<>();
            terminal.selectPurse().require("SELECT purse");
            CardAnswer proof = terminal.prove(PURCHASE, attempt.offlineSeq());
            if (proof.ok()) {
                String wrong = terminal.purchaseProofProblem(attempt, proof.data());
                if (wrong != null || !terminal.creditSam(proof.data(0, 4))) {
                    failures.add("tear " + k + ": a proof the terminal cannot accept: " + wrong);
                }
                journal.add(HexFormat.of().formatHex(proof.data(4, 8)));
                proven++;
            } else if (proof.sw() == 0x9406) {
                PurchaseAttempt again = terminal.initializePurchase(AMOUNT, PURCHASE, 0, null);
                byte[] tacMac2 = terminal.debit(again).require("DEBIT FOR PURCHASE, again");
                if (!terminal.creditSam(proof(tacMac2))) {
                    failures.add("tear " + k + ": the PSAM refused the MAC2 of the purchase made again");
                }
                journal.add(HexFormat.of().formatHex(tacMac2, 0, 4));
                retried++;
            } else {
                failures.add("tear " + k + ": GET TRANSACTION PROVE answered " + proof.swHex());
            }

            PurseView end = PurseView.read(terminal);
            if (journal.size() != 1
                    || end.balance() != start.balance() - AMOUNT
                    || end.offlineSeq() != start.offlineSeq() + 1
                    || end.log().size() != start.log().size() + 1
                    || !end.log().subList(1, end.log().size()).equals(start.log())
                    || !end.log().get(0).substring(10, 18).equals(String.format("%08X", AMOUNT))) {
                failures.add("tear " + k + ": " + journal.size() + " purchases journaled, card "
                        + end.compare(start, end) + " (balance " + start.balance() + " → " + end.balance() + ")");
            }
        }
        card.release();

        System.out.println("[" + algorithm + " card] terminal recovery after a torn DEBIT FOR PURCHASE: "
                + (writes + 1) + " tear points ("
                + writes + " writes + the answer lost after the last), " + retried + " made again after 9406, "
                + proven + " accepted from the proof; " + failures.size() + " taken twice or lost (a terminal"
                + " debiting again without GET TRANSACTION PROVE would have taken " + blindRetryWouldCharge
                + " twice)");
        assertThat(failures).isEmpty();
        assertThat(proven + retried).isEqualTo(writes + 1);
        assertThat(proven)
                .as("the proof is there exactly when the debit landed")
                .isEqualTo(blindRetryWouldCharge)
                .isPositive();
        assertThat(retried).isPositive();
    }

    /** MAC2 out of a DEBIT FOR PURCHASE answer (TAC ‖ MAC2). */
    private static byte[] proof(byte[] tacMac2) {
        return java.util.Arrays.copyOfRange(tacMac2, 4, 8);
    }
}
