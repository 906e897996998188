package org.citycard.applet.tearing;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A file of an issued card updated with secure messaging (CARD-SPEC §4.4: UPDATE BINARY {@code 04 D6} or UPDATE
 * RECORD {@code 04 DC}, MAC with DAMK) as a tearable operation. After a tear the file, read back as a terminal
 * reads it, holds all of its old content or all of the new one, never a mix; nothing else of the purse moves. The
 * file must be readable without a PIN (reading it may not write), as EF05 is.
 */
public final class FileUpdateOperation implements TearSweep.Operation<FileUpdateOperation.View> {
    private final String name;
    private final PurseTerminal terminal;
    private final byte[] aid;
    private final int ins;
    private final int p1;
    private final int p2;
    private final byte[] data;
    private final byte[] read;

    private FileUpdateOperation(
            String name, PurseTerminal terminal, byte[] aid, int ins, int p1, int p2, byte[] data, byte[] read) {
        this.name = name;
        this.terminal = terminal;
        this.aid = aid.clone();
        this.ins = ins;
        this.p1 = p1;
        this.p2 = p2;
        this.data = data.clone();
        this.read = read.clone();
    }

    /** UPDATE BINARY of {@code sfi} at {@code offset}, read back whole with READ BINARY. */
    public static FileUpdateOperation binary(
            String name, PurseTerminal t, byte[] aid, int sfi, int offset, byte[] data) {
        return new FileUpdateOperation(
                name, t, aid, 0xD6, 0x80 | sfi, offset, data, CardAnswer.command(0x00, 0xB0, 0x80 | sfi, 0, null, 0));
    }

    /** UPDATE RECORD {@code record} of {@code sfi}, read back with READ RECORD. */
    public static FileUpdateOperation record(
            String name, PurseTerminal t, byte[] aid, int sfi, int record, byte[] data) {
        int p2 = (sfi << 3) | 4;
        return new FileUpdateOperation(
                name, t, aid, 0xDC, record, p2, data, CardAnswer.command(0x00, 0xB2, record, p2, null, 0));
    }

    /** The file as read back (hex), and the purse beside it. */
    public record View(String file, PurseView purse) {}

    @Override
    public String name() {
        return name;
    }

    @Override
    public void run(TearableCard card) {
        terminal.select(aid).require("SELECT");
        terminal.updateWithSecureMessaging(ins, p1, p2, data).require(name);
    }

    @Override
    public View observe(TearableCard card) {
        terminal.select(aid).require("SELECT");
        String file =
                HexFormat.of().withUpperCase().formatHex(terminal.send(read).require("read back"));
        return new View(file, PurseView.read(terminal));
    }

    @Override
    public List<String> check(View before, View after, View torn, TearableCard card) {
        List<String> problems = new ArrayList<>();
        boolean old = torn.file().equals(before.file());
        boolean updated = torn.file().equals(after.file());
        if (card.tornCommand() == null ? !updated : !old && !updated) {
            problems.add("the file holds " + torn.file() + ": neither the old " + before.file() + " nor the new "
                    + after.file());
        }
        if (!torn.purse().sameMoney(before.purse())) {
            problems.add("the purse changed: " + torn.purse().compare(before.purse(), after.purse()));
        }
        return problems;
    }
}
