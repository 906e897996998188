package org.citycard.cardlink.command;

import org.citycard.cardlink.ApduTransport;
import org.citycard.dictionary.card.CardCommand;

/** DEBIT FOR PURCHASE: the card checks MAC1, debits, and answers TAC and MAC2. */
public final class DebitForPurchase {
    private static final CardCommand CMD = Apdus.command("debit_for_purchase");
    private static final StatusTable TABLE = StatusTable.of(CMD)
            .on(0x9302, Reason.MAC_INVALID, "MAC1 refused: the PSAM and the card do not share keys", "MAC1 校验失败")
            .on(0x9401, Reason.INSUFFICIENT_FUNDS, "the balance does not cover the amount", "余额不足")
            .on(0x6985, Reason.CONDITIONS_NOT_SATISFIED, "no purchase was initialised", "未进行消费初始化")
            .on(0x6700, Reason.WRONG_LENGTH, "wrong length", "长度错误");

    /** The card's proof of the debit. */
    public record Debited(byte[] tac, byte[] mac2) {}

    private DebitForPurchase() {}

    public static Debited send(ApduTransport t, byte[] ttsn, byte[] date, byte[] time, byte[] mac1) {
        byte[] d = TABLE.check(Apdus.exchange(t, Apdus.build(CMD, Apdus.concat(ttsn, date, time, mac1))))
                .data();
        return new Debited(Apdus.slice(d, 0, 4, CMD.id()), Apdus.slice(d, 4, 4, CMD.id()));
    }
}
