package org.citycard.applet.tearing;

import java.util.List;
import java.util.function.ToIntFunction;

/**
 * APPLICATION BLOCK, APPLICATION UNBLOCK and CARD BLOCK as tearable operations: after a tear the purse is wholly in
 * the state before or wholly in the state after (life cycle, and everything a terminal can read of it).
 */
public final class BlockOperation implements TearSweep.Operation<PurseView> {
    private final String name;
    private final PurseTerminal terminal;
    private final ToIntFunction<PurseTerminal> command;

    private BlockOperation(String name, PurseTerminal terminal, ToIntFunction<PurseTerminal> command) {
        this.name = name;
        this.terminal = terminal;
        this.command = command;
    }

    public static BlockOperation applicationBlock(PurseTerminal t) {
        return new BlockOperation("application block", t, PurseTerminal::blockApplication);
    }

    public static BlockOperation applicationUnblock(PurseTerminal t) {
        return new BlockOperation("application unblock", t, PurseTerminal::unblockApplication);
    }

    public static BlockOperation cardBlock(PurseTerminal t) {
        return new BlockOperation("card block", t, PurseTerminal::blockCard);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void run(TearableCard card) {
        int select = terminal.selectPurse().sw();
        if (select != 0x9000 && select != 0x6283) {
            throw new IllegalStateException("SELECT purse answered " + String.format("%04X", select));
        }
        int sw = command.applyAsInt(terminal);
        if (sw != 0x9000) {
            throw new IllegalStateException(name + " answered " + String.format("%04X", sw));
        }
    }

    @Override
    public PurseView observe(TearableCard card) {
        return PurseView.read(terminal);
    }

    @Override
    public List<String> check(PurseView before, PurseView after, PurseView torn, TearableCard card) {
        if (torn.equals(before) || torn.equals(after)) {
            return List.of();
        }
        return List.of("the purse is neither as before (" + before + ") nor as after (" + after + "): " + torn);
    }
}
