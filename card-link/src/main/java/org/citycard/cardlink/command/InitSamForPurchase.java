package org.citycard.cardlink.command;

import org.citycard.cardlink.ApduTransport;
import org.citycard.dictionary.card.CardCommand;
import org.citycard.dictionary.codec.Amounts;

/** INIT SAM FOR PURCHASE (PSAM): derives the card's session key and answers the TTSN and MAC1. */
public final class InitSamForPurchase {
    private static final CardCommand CMD = Apdus.command("init_sam_for_purchase");
    private static final StatusTable TABLE = StatusTable.of(CMD)
            .on(
                    0x9403,
                    Reason.KEY_NOT_FOUND,
                    "the PSAM does not serve this card's issuer or key version",
                    "PSAM 不支持该发卡机构或密钥版本")
            .on(0x6985, Reason.CONDITIONS_NOT_SATISFIED, "the PSAM is not personalised", "PSAM 未个人化")
            .on(0x6700, Reason.WRONG_LENGTH, "wrong length", "长度错误")
            .on(0x6A80, Reason.WRONG_DATA, "the purchase data is not acceptable", "消费数据不正确");

    /** The PSAM's answer: the terminal transaction sequence number and MAC1. */
    public record SamMac1(byte[] ttsn, byte[] mac1) {}

    private InitSamForPurchase() {}

    public static SamMac1 send(
            ApduTransport psam,
            byte[] random,
            byte[] offlineSeq,
            long amount,
            byte type,
            byte[] date,
            byte[] time,
            byte keyVersion,
            byte algorithm,
            byte[] asnRight8,
            byte[] issuerId) {
        byte[] data = Apdus.concat(
                random,
                offlineSeq,
                Amounts.toBytes("amount", amount, 4),
                new byte[] {type},
                date,
                time,
                new byte[] {keyVersion, algorithm},
                asnRight8,
                issuerId);
        byte[] d = TABLE.check(Apdus.exchange(psam, Apdus.build(CMD, data))).data();
        return new SamMac1(Apdus.slice(d, 0, 4, CMD.id()), Apdus.slice(d, 4, 4, CMD.id()));
    }
}
