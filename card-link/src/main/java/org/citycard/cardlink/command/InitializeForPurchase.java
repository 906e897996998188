package org.citycard.cardlink.command;

import org.citycard.cardlink.ApduTransport;
import org.citycard.dictionary.card.CardCommand;
import org.citycard.dictionary.codec.Amounts;

/** INITIALIZE FOR PURCHASE: starts a purchase of {@code amount} fen at this terminal. */
public final class InitializeForPurchase {
    private static final CardCommand CMD = Apdus.command("initialize_for_purchase");
    private static final StatusTable TABLE = StatusTable.of(CMD)
            .on(0x9401, Reason.INSUFFICIENT_FUNDS, "the balance does not cover the amount", "余额不足")
            .on(0x9403, Reason.KEY_NOT_FOUND, "the card has no purchase key of that index", "卡内无此消费密钥")
            .on(0x6985, Reason.APPLICATION_BLOCKED, "the purse is blocked or not selected", "钱包已锁定或未选择")
            .on(0x6700, Reason.WRONG_LENGTH, "wrong length", "长度错误")
            .on(0x6A80, Reason.WRONG_DATA, "the amount or terminal ID is not acceptable", "金额或终端号不正确");

    private InitializeForPurchase() {}

    public static PurchaseInit send(ApduTransport t, int keyIndex, long amount, byte[] terminalId) {
        return send(t, CMD, TABLE, keyIndex, amount, terminalId);
    }

    static PurchaseInit send(
            ApduTransport t, CardCommand cmd, StatusTable table, int keyIndex, long amount, byte[] terminalId) {
        byte[] data = Apdus.concat(new byte[] {(byte) keyIndex}, Amounts.toBytes("amount", amount, 4), terminalId);
        Response r = table.check(Apdus.exchange(t, Apdus.build(cmd, data)));
        return PurchaseInit.parse(r.data(), cmd.id());
    }
}
