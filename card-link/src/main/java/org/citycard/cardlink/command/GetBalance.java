package org.citycard.cardlink.command;

import org.citycard.cardlink.ApduTransport;
import org.citycard.dictionary.card.CardCommand;

/** GET BALANCE: the purse balance in fen. */
public final class GetBalance {
    private static final CardCommand CMD = Apdus.command("get_balance");
    private static final StatusTable TABLE = StatusTable.of(CMD)
            .on(0x6985, Reason.APPLICATION_BLOCKED, "the purse is blocked or not selected", "钱包已锁定或未选择")
            .on(0x6B00, Reason.WRONG_PARAMETERS, "wrong P1/P2", "参数错误");

    private GetBalance() {}

    public static long send(ApduTransport t) {
        byte[] d = TABLE.check(Apdus.exchange(t, Apdus.build(CMD, null))).data();
        return Apdus.u32(Apdus.slice(d, 0, 4, CMD.id()), 0);
    }
}
