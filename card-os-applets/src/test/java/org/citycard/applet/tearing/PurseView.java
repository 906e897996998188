package org.citycard.applet.tearing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.citycard.applet.CardConstants;
import org.citycard.dictionary.codec.Amounts;
import org.citycard.dictionary.crypto.CardCrypto;

/**
 * What a terminal can read of a purse, through APDUs only, after a power cycle: its life cycle, balance, offline
 * and online counters (from INITIALIZE FOR PURCHASE / LOAD of 1 fen, which write nothing persistent), the
 * transaction log (SFI 18, newest first), the department records (SFI 17) and the PIN's tries left. Values a
 * blocked or unissued purse does not answer are -1 / empty.
 */
public record PurseView(
        String lifeCycle,
        long balance,
        int offlineSeq,
        int onlineSeq,
        List<String> log,
        List<String> departments,
        int pinTries) {
    public static final String PERSONALIZATION = "PERSONALIZATION";
    public static final String ISSUED = "ISSUED";
    public static final String APP_BLOCKED = "APP_BLOCKED";
    public static final String CARD_BLOCKED = "CARD_BLOCKED";

    private static final int SFI_LOG = 0x18;
    private static final int SFI_DEPARTMENTS = 0x17;

    /** Reads the purse of the terminal's card. */
    public static PurseView read(PurseTerminal t) {
        String lifeCycle = lifeCycle(t, CardConstants.AID_PURSE);
        if (!lifeCycle.equals(ISSUED)) {
            return new PurseView(lifeCycle, -1, -1, -1, List.of(), List.of(), -1);
        }
        CardAnswer balance = t.send(CardAnswer.command(0x80, 0x5C, 0x00, 0x02, null, 4));
        long fen = balance.ok() ? Amounts.fromBytes(balance.data(), 0, 4) : -1;
        byte[] oneFen = CardCrypto.concat(new byte[] {1}, PurseTerminal.amount(1), t.terminalId());
        CardAnswer purchase = t.send(CardAnswer.command(0x80, 0x50, 0x01, 0x02, oneFen, 0x0F));
        CardAnswer load = t.send(CardAnswer.command(0x80, 0x50, 0x00, 0x02, oneFen, 0x10));
        return new PurseView(
                lifeCycle,
                fen,
                purchase.ok() ? (int) Amounts.fromBytes(purchase.data(), 4, 2) : -1,
                load.ok() ? (int) Amounts.fromBytes(load.data(), 4, 2) : -1,
                records(t, SFI_LOG, 10),
                records(t, SFI_DEPARTMENTS, CardConstants.RECORD_COUNT_PURSE_SFI17),
                t.pinTries());
    }

    /**
     * The life cycle of the application {@code aid}, probed by SELECT and an unauthenticated END PERSONALIZATION
     * (6982 in PERSONALIZATION, 6985 once issued); it changes nothing.
     */
    public static String lifeCycle(PurseTerminal t, byte[] aid) {
        int select = t.select(aid).sw();
        if (select == 0x6A81) {
            return CARD_BLOCKED;
        }
        if (select == 0x6283) {
            return APP_BLOCKED;
        }
        int end = t.send(CardAnswer.command(0x80, 0xE6, 0x00, 0x00, null, -1)).sw();
        return end == 0x6982 ? PERSONALIZATION : end == 0x6985 ? ISSUED : "SELECT " + select + ", END " + end;
    }

    private static List<String> records(PurseTerminal t, int sfi, int count) {
        List<String> out = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            CardAnswer r = t.send(CardAnswer.command(0x00, 0xB2, n, sfi << 3 | 4, null, 0));
            if (sfi == SFI_LOG && r.sw() == 0x6A83) {
                break;
            }
            out.add(r.ok() ? r.toString() : "-");
        }
        return List.copyOf(out);
    }

    /** Balance, counters, log and department records equal: the money state. */
    public boolean sameMoney(PurseView o) {
        return balance == o.balance
                && offlineSeq == o.offlineSeq
                && onlineSeq == o.onlineSeq
                && log.equals(o.log)
                && departments.equals(o.departments);
    }

    /**
     * Which parts of the money state of this view are those of {@code before} ("old"), of {@code after} ("new"),
     * or neither: "balance new, offline seq old, …".
     */
    public String compare(PurseView before, PurseView after) {
        return part("balance", balance, before.balance, after.balance)
                + ", " + part("offline seq", offlineSeq, before.offlineSeq, after.offlineSeq)
                + ", " + part("online seq", onlineSeq, before.onlineSeq, after.onlineSeq)
                + ", " + part("log", log.size() + " records", before.log, after.log, log)
                + ", " + part("department records", "", before.departments, after.departments, departments);
    }

    private static String part(String name, long value, long before, long after) {
        return part(name, String.valueOf(value), before, after, value);
    }

    private static String part(String name, String shown, Object before, Object after, Object value) {
        boolean old = Objects.equals(value, before);
        boolean neu = Objects.equals(value, after);
        String state = old && neu ? "unchanged" : old ? "old" : neu ? "new" : "NEITHER";
        return name + (shown.isEmpty() ? "" : " " + shown) + " " + state;
    }
}
