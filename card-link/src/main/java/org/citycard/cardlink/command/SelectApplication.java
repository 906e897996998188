package org.citycard.cardlink.command;

import org.citycard.cardlink.ApduTransport;
import org.citycard.dictionary.card.CardCommand;

/** SELECT by AID. A blocked application answers 6283 with its FCI, which is not an error here. */
public final class SelectApplication {
    private static final CardCommand CMD = Apdus.command("select");
    private static final StatusTable TABLE = StatusTable.of(CMD)
            .on(0x6A81, Reason.CARD_BLOCKED, "the card is blocked for good", "卡片已永久锁定")
            .on(0x6A82, Reason.NOT_FOUND, "the application is not on this card", "卡上没有该应用");

    /** The FCI and whether the application is blocked (6283). */
    public record Selected(byte[] fci, boolean blocked) {}

    private SelectApplication() {}

    public static Selected send(ApduTransport t, byte[] aid) {
        Response r = Apdus.exchange(t, Apdus.build(CMD, CMD.p1Byte(), CMD.p2Byte(), aid, 0));
        if (r.sw() == 0x6283) {
            return new Selected(r.data(), true);
        }
        TABLE.check(r);
        return new Selected(r.data(), false);
    }
}
