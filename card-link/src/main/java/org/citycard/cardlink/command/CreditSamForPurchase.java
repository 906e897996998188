package org.citycard.cardlink.command;

import org.citycard.cardlink.ApduTransport;
import org.citycard.dictionary.card.CardCommand;

/** CREDIT SAM FOR PURCHASE (PSAM): verifies the card's MAC2 of the last INIT SAM FOR PURCHASE. */
public final class CreditSamForPurchase {
    private static final CardCommand CMD = Apdus.command("credit_sam_for_purchase");
    private static final StatusTable TABLE = StatusTable.of(CMD)
            .on(0x9302, Reason.MAC_INVALID, "MAC2 does not verify: the card's answer is not authentic", "MAC2 校验失败")
            .on(0x6985, Reason.CONDITIONS_NOT_SATISFIED, "no purchase is open in the PSAM", "PSAM 无进行中的消费")
            .on(0x6700, Reason.WRONG_LENGTH, "wrong length", "长度错误");

    private CreditSamForPurchase() {}

    public static void send(ApduTransport psam, byte[] mac2) {
        TABLE.check(Apdus.exchange(psam, Apdus.build(CMD, CMD.p1Byte(), CMD.p2Byte(), mac2, -1)));
    }
}
