package org.citycard.applet.tearing;

import java.util.ArrayList;
import java.util.List;
import org.citycard.applet.CardConstants;
import org.citycard.applet.tearing.PurseTerminal.LoadAttempt;
import org.citycard.applet.tearing.PurseTerminal.PurchaseAttempt;

/**
 * Purchase, compound purchase and load as tearable operations, with the invariants of CARD-SPEC §4.1 / §4.2: after
 * a tear the balance, both counters, the log and the department records are all the old ones or all the new ones;
 * GET TRANSACTION PROVE for the counter the transaction used answers 9406 when the money is old and, when it is new,
 * the MAC2 ‖ TAC of that transaction, verified with the dictionary's crypto; the PIN and the life cycle do not move.
 */
public final class MoneyOperation implements TearSweep.Operation<PurseView> {
    private final String name;
    private final PurseTerminal terminal;
    private final byte type;
    private final long fen;
    private final int recordNumber;
    private final byte[] record;
    private PurchaseAttempt purchase;
    private LoadAttempt load;

    private MoneyOperation(String name, PurseTerminal terminal, byte type, long fen, int recordNumber, byte[] record) {
        this.name = name;
        this.terminal = terminal;
        this.type = type;
        this.fen = fen;
        this.recordNumber = recordNumber;
        this.record = record;
    }

    /** A purchase (type 06) of {@code fen}. */
    public static MoneyOperation purchase(PurseTerminal terminal, long fen) {
        return new MoneyOperation("purchase", terminal, CardConstants.TX_PURCHASE, fen, 0, null);
    }

    /** A compound purchase (type 09) of {@code fen} that rewrites department record {@code recordNumber}. */
    public static MoneyOperation compoundPurchase(PurseTerminal terminal, long fen, int recordNumber, byte[] record) {
        return new MoneyOperation(
                "compound purchase", terminal, CardConstants.TX_COMPOUND_PURCHASE, fen, recordNumber, record.clone());
    }

    /** A load (type 02) of {@code fen}. */
    public static MoneyOperation load(PurseTerminal terminal, long fen) {
        return new MoneyOperation("load", terminal, CardConstants.TX_LOAD, fen, 0, null);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void run(TearableCard card) {
        if (type == CardConstants.TX_LOAD) {
            load = terminal.initializeLoad(fen);
            terminal.credit(load).require("CREDIT FOR LOAD");
        } else {
            purchase = terminal.initializePurchase(fen, type, recordNumber, record);
            byte[] tacMac2 = terminal.debit(purchase).require("DEBIT FOR PURCHASE");
            if (!terminal.creditSam(java.util.Arrays.copyOfRange(tacMac2, 4, 8))) {
                throw new IllegalStateException("the PSAM refused the card's MAC2");
            }
        }
    }

    @Override
    public PurseView observe(TearableCard card) {
        return PurseView.read(terminal);
    }

    @Override
    public List<String> check(PurseView before, PurseView after, PurseView torn, TearableCard card) {
        List<String> problems = new ArrayList<>();
        boolean old = torn.sameMoney(before);
        boolean neu = torn.sameMoney(after);
        if (!old && !neu) {
            problems.add("the money is neither old nor new: " + torn.compare(before, after));
        }
        if (!torn.lifeCycle().equals(before.lifeCycle()) || torn.pinTries() != before.pinTries()) {
            problems.add("life cycle " + torn.lifeCycle() + " and PIN tries " + torn.pinTries() + ", before "
                    + before.lifeCycle() + " and " + before.pinTries());
        }
        terminal.selectPurse();
        boolean isLoad = type == CardConstants.TX_LOAD;
        CardAnswer proof = terminal.prove(type, isLoad ? load.onlineSeq() : purchase.offlineSeq());
        if (old && !neu && proof.sw() != 0x9406) {
            problems.add("the balance is old but GET TRANSACTION PROVE of the torn transaction answers " + proof);
        }
        if (neu && !old) {
            if (!proof.ok()) {
                problems.add("the balance is new but GET TRANSACTION PROVE answers " + proof.swHex());
            } else {
                String wrong = isLoad
                        ? terminal.loadProofProblem(load, proof.data())
                        : terminal.purchaseProofProblem(purchase, proof.data());
                if (wrong != null) {
                    problems.add("the balance is new but " + wrong);
                }
            }
        }
        return problems;
    }
}
