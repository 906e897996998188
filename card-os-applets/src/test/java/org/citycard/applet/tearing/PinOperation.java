package org.citycard.applet.tearing;

import java.util.ArrayList;
import java.util.List;

/**
 * VERIFY (right and wrong PIN), CHANGE PIN, RELOAD PIN and PIN UNBLOCK as tearable operations. CARD-SPEC §4.3: the try counter
 * is decremented before the comparison and is never part of a rolled-back transaction, so a tear never gives a try
 * back; a new PIN and its full tries land together or not at all. After a tear the PIN is tested by VERIFY (which
 * the sweep undoes): the card must hold the old PIN or the new one, never something between.
 */
public final class PinOperation implements TearSweep.Operation<PurseView> {
    private enum Kind {
        VERIFY_RIGHT,
        VERIFY_WRONG,
        CHANGE,
        RELOAD,
        UNBLOCK
    }

    private final Kind kind;
    private final String name;
    private final PurseTerminal terminal;
    private final String oldPin;
    private final String newPin;
    private final int limit;
    private int fewestTriesSoFar = Integer.MAX_VALUE;

    private PinOperation(Kind kind, String name, PurseTerminal terminal, String oldPin, String newPin, int limit) {
        this.kind = kind;
        this.name = name;
        this.terminal = terminal;
        this.oldPin = oldPin;
        this.newPin = newPin;
        this.limit = limit;
    }

    /** VERIFY with the right PIN; start it with a try already used, so that a try given back would show. */
    public static PinOperation verifyRight(PurseTerminal t, String pin, int limit) {
        return new PinOperation(Kind.VERIFY_RIGHT, "PIN verify (right PIN)", t, pin, null, limit);
    }

    /** VERIFY with a wrong PIN. */
    public static PinOperation verifyWrong(PurseTerminal t, String pin, String wrongPin, int limit) {
        return new PinOperation(Kind.VERIFY_WRONG, "PIN verify (wrong PIN)", t, pin, wrongPin, limit);
    }

    /** CHANGE PIN from the right old PIN to {@code newPin}. */
    public static PinOperation change(PurseTerminal t, String oldPin, String newPin, int limit) {
        return new PinOperation(Kind.CHANGE, "PIN change", t, oldPin, newPin, limit);
    }

    /** RELOAD PIN at the counter (MAC with DRPK, no old PIN) to {@code newPin}. */
    public static PinOperation reload(PurseTerminal t, String oldPin, String newPin, int limit) {
        return new PinOperation(Kind.RELOAD, "PIN reload", t, oldPin, newPin, limit);
    }

    /** PIN UNBLOCK of a blocked PIN, to {@code newPin}. */
    public static PinOperation unblock(PurseTerminal t, String oldPin, String newPin, int limit) {
        return new PinOperation(Kind.UNBLOCK, "PIN unblock", t, oldPin, newPin, limit);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void run(TearableCard card) {
        terminal.selectPurse().require("SELECT purse");
        int sw =
                switch (kind) {
                    case VERIFY_RIGHT -> terminal.verify(oldPin);
                    case VERIFY_WRONG -> terminal.verify(newPin);
                    case CHANGE -> terminal.changePin(oldPin, newPin);
                    case RELOAD -> terminal.reloadPin(newPin);
                    case UNBLOCK -> terminal.unblockPin(newPin);
                };
        boolean expected = kind == Kind.VERIFY_WRONG ? (sw & 0xFFF0) == 0x63C0 || sw == 0x6983 : sw == 0x9000;
        if (!expected) {
            throw new IllegalStateException(name + " answered " + String.format("%04X", sw));
        }
    }

    @Override
    public PurseView observe(TearableCard card) {
        return PurseView.read(terminal);
    }

    @Override
    public List<String> check(PurseView before, PurseView after, PurseView torn, TearableCard card) {
        List<String> problems = new ArrayList<>();
        if (!torn.sameMoney(before) || !torn.lifeCycle().equals(before.lifeCycle())) {
            problems.add("the purse changed: " + torn.compare(before, after) + ", life cycle " + torn.lifeCycle());
        }
        int tries = torn.pinTries();
        int t = before.pinTries();
        String pin = whichPin(tries);
        boolean complete = card.tornCommand() == null;
        boolean allowed = complete
                ? completed(pin, tries, t)
                : switch (kind) {
                    case VERIFY_RIGHT, VERIFY_WRONG -> pin.equals("old") && (tries == t || tries == t - 1);
                    case CHANGE -> (pin.equals("old") && (tries == t || tries == t - 1 || tries == limit))
                            || (pin.equals("new") && tries == limit);
                    case RELOAD -> (pin.equals("old") && tries == t) || (pin.equals("new") && tries == limit);
                    case UNBLOCK -> (pin.equals("blocked") && tries == 0) || (pin.equals("new") && tries == limit);
                };
        if (!allowed) {
            problems.add("PIN " + pin + " with " + tries + " tries left (" + t + " before the " + name + ")"
                    + (tries > t && pin.equals("old") && kind != Kind.CHANGE ? ": a try was given back" : ""));
        }
        if (kind == Kind.VERIFY_WRONG) {
            if (tries > fewestTriesSoFar) {
                problems.add("a later tear left " + tries + " tries where an earlier one left " + fewestTriesSoFar
                        + ": the decrement was undone");
            }
            fewestTriesSoFar = Math.min(fewestTriesSoFar, tries);
        }
        return problems;
    }

    /** The state of a command that ran to its end: the right PIN and tries, the answer lost or not. */
    private boolean completed(String pin, int tries, int before) {
        return switch (kind) {
            case VERIFY_RIGHT -> pin.equals("old") && tries == limit;
            case VERIFY_WRONG -> pin.equals("old") && tries == before - 1;
            case CHANGE, RELOAD, UNBLOCK -> pin.equals("new") && tries == limit;
        };
    }

    /** "old" or "new" by VERIFY (the sweep undoes the tries it costs), "blocked" at 0 tries, else "neither". */
    private String whichPin(int tries) {
        if (tries == 0) {
            return "blocked";
        }
        terminal.selectPurse();
        if (terminal.verify(oldPin) == 0x9000) {
            return "old";
        }
        boolean canTryNew = newPin != null && kind != Kind.VERIFY_WRONG && tries > 1;
        return canTryNew && terminal.verify(newPin) == 0x9000 ? "new" : "neither";
    }
}
