package org.citycard.applet.tearing;

import static org.assertj.core.api.Assertions.assertThat;

import org.citycard.applet.CardConstants;
import org.citycard.applet.sim.CitizenProfile;
import org.citycard.applet.sim.PsamProfile;
import org.citycard.applet.sim.SimPersonaliser;
import org.citycard.dictionary.crypto.Algorithm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md §8, card tearing: every persistent write of every purse operation torn in turn, on the real applets,
 * each tear followed by a power cycle and the operation's invariants. Prints the figures per operation. A 3DES card
 * here; {@link Sm4PurseTearingTest} runs every sweep again on an SM4 card.
 */
class PurseTearingTest {
    private static final String PIN = CitizenProfile.DEMO_PIN;
    private static final String WRONG_PIN = "000000";
    private static final int LIMIT = CardConstants.PIN_TRY_LIMIT;

    private TearableCard card;
    private PurseTerminal terminal;

    /** The algorithm of the card's keys. */
    Algorithm algorithm() {
        return Algorithm.TDES;
    }

    /** An issued card with 100.00 CNY loaded and one purchase made, so the log and both proofs hold something. */
    @BeforeEach
    void issueLoadAndBuy() {
        card = TearableCard.citizen();
        terminal = PurseTerminal.demo(card, algorithm());
        SimPersonaliser perso = SimPersonaliser.demo(algorithm());
        perso.personaliseCitizen(card, CitizenProfile.demo());
        perso.load(card, CitizenProfile.DEMO_ASN, 10_000, PsamProfile.DEMO_TERMINAL_ID);
        terminal.purchase(100).require("the first purchase");
        card.powerCycle();
    }

    static TearSweep.Result sweep(TearableCard card, TearSweep.Operation<?> op) {
        TearSweep.Result r = TearSweep.sweep(card, op);
        System.out.println(r.report());
        return r;
    }

    /** A sweep on this test's card, its figures printed with the card's algorithm. */
    private TearSweep.Result sweepOnCard(TearSweep.Operation<?> op) {
        TearSweep.Result r = TearSweep.sweep(card, op);
        System.out.println("[" + algorithm() + " card] " + r.report());
        return r;
    }

    static void assertConsistentEverywhere(TearSweep.Result r) {
        assertThat(r.writes()).as(r.operation() + " writes persistent memory").isPositive();
        assertThat(r.tears())
                .as("a tear at every write (unless " + TearSweep.MAX_TEARS_PROPERTY
                        + " caps them), and one after the last")
                .isEqualTo(TearSweep.tearPoints(r.writes()).size() + 1);
        assertThat(r.inconsistencies()).as(r.report()).isEmpty();
    }

    @Test
    void purchase_tornAtEveryWrite_isOldOrNewAndProvable() {
        assertConsistentEverywhere(sweepOnCard(MoneyOperation.purchase(terminal, 400)));
        assertThat(terminal.algorithm()).isEqualTo(algorithm());
    }

    @Test
    void compoundPurchase_tornAtEveryWrite_movesMoneyAndDepartmentRecordTogether() {
        byte[] record = new byte[CardConstants.RECORD_LENGTH_PURSE_SFI17];
        record[0] = CardConstants.DEPARTMENT_CATEGORY_CODES[0]; // record 1 keeps its category
        for (int i = 1; i < record.length; i++) {
            record[i] = (byte) (0xA0 + i);
        }

        assertConsistentEverywhere(sweepOnCard(MoneyOperation.compoundPurchase(terminal, 250, 1, record)));
    }

    @Test
    void load_tornAtEveryWrite_isOldOrNewAndProvable() {
        assertConsistentEverywhere(sweepOnCard(MoneyOperation.load(terminal, 2_500)));
    }

    @Test
    void pinVerify_rightPin_tornAtEveryWrite_neverGivesATryBack() {
        terminal.selectPurse();
        terminal.verify(WRONG_PIN); // one try used: a tear must not give it back

        assertConsistentEverywhere(sweepOnCard(PinOperation.verifyRight(terminal, PIN, LIMIT)));
    }

    @Test
    void pinVerify_wrongPin_tornAtEveryWrite_neverGivesATryBack() {
        assertConsistentEverywhere(sweepOnCard(PinOperation.verifyWrong(terminal, PIN, WRONG_PIN, LIMIT)));
    }

    @Test
    void pinChange_tornAtEveryWrite_leavesTheOldPinOrTheNewOne() {
        terminal.selectPurse();
        terminal.verify(WRONG_PIN);

        assertConsistentEverywhere(sweepOnCard(PinOperation.change(terminal, PIN, "2468", LIMIT)));
    }

    @Test
    void ssseCardNumberUpdate_withSecureMessaging_tornAtEveryWrite_isAllOldOrAllNew() {
        byte[] number = new byte[11];
        number[0] = 0x07;
        number[1] = 0x09;
        System.arraycopy("B00000001".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, number, 2, 9);

        assertConsistentEverywhere(sweepOnCard(FileUpdateOperation.record(
                "SSSE card number update (EF05 record 7, secure messaging)",
                terminal,
                CardConstants.AID_SSSE,
                0x05,
                7,
                number)));
    }

    @Test
    void pinReload_tornAtEveryWrite_leavesTheOldPinWithItsTriesOrTheNewOneWithAll() {
        terminal.selectPurse();
        terminal.verify(WRONG_PIN); // a try used: a reload that lands gives them all back, a torn one none

        assertConsistentEverywhere(sweepOnCard(PinOperation.reload(terminal, PIN, "97531", LIMIT)));
    }

    @Test
    void pinUnblock_tornAtEveryWrite_leavesItBlockedOrUnblockedWithTheNewPin() {
        terminal.selectPurse();
        for (int i = 0; i < LIMIT; i++) {
            terminal.verify(WRONG_PIN);
        }

        assertConsistentEverywhere(sweepOnCard(PinOperation.unblock(terminal, PIN, "13579", LIMIT)));
    }

    @Test
    void applicationBlock_tornAtEveryWrite_isBlockedOrNot() {
        assertConsistentEverywhere(sweepOnCard(BlockOperation.applicationBlock(terminal)));
    }

    @Test
    void applicationUnblock_tornAtEveryWrite_isBlockedOrNot() {
        terminal.selectPurse();
        assertThat(terminal.blockApplication()).isEqualTo(0x9000);

        assertConsistentEverywhere(sweepOnCard(BlockOperation.applicationUnblock(terminal)));
    }

    @Test
    void cardBlock_tornAtEveryWrite_isBlockedOrNot() {
        assertConsistentEverywhere(sweepOnCard(BlockOperation.cardBlock(terminal)));
    }
}
