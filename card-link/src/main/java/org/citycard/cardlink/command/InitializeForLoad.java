package org.citycard.cardlink.command;

import org.citycard.cardlink.ApduTransport;
import org.citycard.dictionary.card.CardCommand;
import org.citycard.dictionary.codec.Amounts;

/** INITIALIZE FOR LOAD: balance, online counter, random and MAC1 for the host to verify. */
public final class InitializeForLoad {
    private static final CardCommand CMD = Apdus.command("initialize_for_load");
    private static final StatusTable TABLE = StatusTable.of(CMD)
            .on(0x9401, Reason.ABOVE_LIMIT, "the load would exceed the maximum balance", "圈存后余额超过上限")
            .on(0x9403, Reason.KEY_NOT_FOUND, "the card has no load key of that index", "卡内无此圈存密钥")
            .on(0x6985, Reason.APPLICATION_BLOCKED, "the purse is blocked or not selected", "钱包已锁定或未选择")
            .on(0x6700, Reason.WRONG_LENGTH, "wrong length", "长度错误");

    private InitializeForLoad() {}

    public static LoadInit send(ApduTransport t, int keyIndex, long amount, byte[] terminalId) {
        byte[] data = Apdus.concat(new byte[] {(byte) keyIndex}, Amounts.toBytes("amount", amount, 4), terminalId);
        return LoadInit.parse(
                TABLE.check(Apdus.exchange(t, Apdus.build(CMD, data))).data(), CMD.id());
    }
}
