package org.citycard.cardlink.command;

import org.citycard.cardlink.ApduTransport;
import org.citycard.dictionary.card.CardCommand;

/** CREDIT FOR LOAD: the card checks the host's MAC2, credits, and answers the TAC. */
public final class CreditForLoad {
    private static final CardCommand CMD = Apdus.command("credit_for_load");
    private static final StatusTable TABLE = StatusTable.of(CMD)
            .on(
                    0x9302,
                    Reason.MAC_INVALID,
                    "MAC2 refused: the host's authorisation does not match this card",
                    "MAC2 校验失败")
            .on(0x9401, Reason.ABOVE_LIMIT, "the load would exceed the maximum balance", "圈存后余额超过上限")
            .on(0x6985, Reason.CONDITIONS_NOT_SATISFIED, "no load was initialised", "未进行圈存初始化")
            .on(0x6700, Reason.WRONG_LENGTH, "wrong length", "长度错误");

    private CreditForLoad() {}

    /** Returns the TAC. */
    public static byte[] send(ApduTransport t, byte[] date, byte[] time, byte[] mac2) {
        byte[] d = TABLE.check(Apdus.exchange(t, Apdus.build(CMD, Apdus.concat(date, time, mac2))))
                .data();
        return Apdus.slice(d, 0, 4, CMD.id());
    }
}
