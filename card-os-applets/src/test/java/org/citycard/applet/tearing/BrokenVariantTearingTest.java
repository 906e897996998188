package org.citycard.applet.tearing;

import static org.assertj.core.api.Assertions.assertThat;

import org.citycard.applet.sim.CitizenProfile;
import org.citycard.applet.sim.PsamProfile;
import org.citycard.applet.sim.SimPersonaliser;
import org.citycard.dictionary.crypto.Algorithm;
import org.junit.jupiter.api.Test;

/**
 * The sweep fails where it should: the real purse, rewritten as it loads into the mistakes a tear punishes, is
 * reported with inconsistent states, each named (the same sweep passes the real applets, {@link PurseTearingTest}).
 */
class BrokenVariantTearingTest {
    private static final String PURCHASE_COMMANDS = "org/citycard/applet/purse/PurchaseCommands";
    private static final String LOAD_COMMANDS = "org/citycard/applet/purse/LoadCommands";

    /** An issued card of the variant, with 100.00 CNY loaded and one purchase made. */
    private static PurseTerminal issuedCard(TearableCard card, Algorithm algorithm) {
        SimPersonaliser perso = SimPersonaliser.demo(algorithm);
        perso.personaliseCitizen(card, CitizenProfile.demo());
        perso.load(card, CitizenProfile.DEMO_ASN, 10_000, PsamProfile.DEMO_TERMINAL_ID);
        PurseTerminal terminal = PurseTerminal.demo(card, algorithm);
        terminal.purchase(100).require("the first purchase");
        return terminal;
    }

    private static TearSweep.Result sweepVariant(ClassTransform mutation, String variant, boolean load) {
        return sweepVariant(mutation, variant, load, Algorithm.TDES);
    }

    private static TearSweep.Result sweepVariant(
            ClassTransform mutation, String variant, boolean load, Algorithm algorithm) {
        TearableCard card = TearableCard.citizen(InstrumentedApplets.citycard().with(mutation));
        PurseTerminal terminal = issuedCard(card, algorithm);
        TearSweep.Result r = TearSweep.sweep(
                card, load ? MoneyOperation.load(terminal, 2_500) : MoneyOperation.purchase(terminal, 400));
        System.out.println("[broken variant: " + variant + ", " + algorithm + " card] " + r.report());
        return r;
    }

    @Test
    void debitWithoutItsTransaction_isCaught() {
        TearSweep.Result r = sweepVariant(
                AppletMutations.withoutTransaction(PURCHASE_COMMANDS, "debit"),
                "DEBIT FOR PURCHASE writes balance, counter, log and proof outside a transaction",
                false);

        assertThat(r.inconsistentStates()).as(r.report()).isPositive();
        assertThat(r.inconsistencies())
                .anyMatch(i -> i.problems().stream().anyMatch(p -> p.contains("neither old nor new")))
                .anyMatch(i -> i.problems().stream().anyMatch(p -> p.contains("GET TRANSACTION PROVE")));
    }

    @Test
    void balanceCopiedNonAtomicallyInsideTheTransaction_isCaught() {
        TearSweep.Result r = sweepVariant(
                AppletMutations.nonAtomicCopy(PURCHASE_COMMANDS, "debit", 1),
                "the new balance copied with Util.arrayCopyNonAtomic inside the transaction",
                false);

        assertThat(r.writes()).as("4 balance bytes instead of one atomic copy").isEqualTo(10);
        assertThat(r.inconsistentStates()).as(r.report()).isPositive();
        assertThat(r.inconsistencies()).allMatch(i -> i.problems().stream().anyMatch(p -> p.contains("balance")));
    }

    @Test
    void debitWithoutItsTransaction_onAnSm4Card_isCaught() {
        TearSweep.Result r = sweepVariant(
                AppletMutations.withoutTransaction(PURCHASE_COMMANDS, "debit"),
                "DEBIT FOR PURCHASE writes balance, counter, log and proof outside a transaction",
                false,
                Algorithm.SM4);

        assertThat(r.inconsistentStates()).as(r.report()).isPositive();
    }

    @Test
    void creditWithoutItsTransaction_isCaught() {
        TearSweep.Result r = sweepVariant(
                AppletMutations.withoutTransaction(LOAD_COMMANDS, "credit"),
                "CREDIT FOR LOAD writes balance, counter, log and proof outside a transaction",
                true);

        assertThat(r.inconsistentStates()).as(r.report()).isPositive();
    }
}
