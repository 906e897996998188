package org.citycard.cardlink.command;

import org.citycard.cardlink.ApduTransport;
import org.citycard.dictionary.card.CardCommand;

/**
 * COMPUTE BLOCK MAC (PSAM, CityCard command): the DAMK MAC of an APPLICATION BLOCK for a hotlisted card, by the
 * card's algorithm (P1: 00 3DES, 04 SM4) and key version (P2, issue 22: the PSAM holds several).
 */
public final class ComputeBlockMac {
    private static final CardCommand CMD = Apdus.command("compute_block_mac");
    private static final StatusTable TABLE = StatusTable.of(CMD)
            .on(0x6A80, Reason.WRONG_DATA, "the PSAM computes block MACs only for block headers", "仅可计算锁卡 MAC")
            .on(0x6985, Reason.CONDITIONS_NOT_SATISFIED, "the PSAM is not personalised", "PSAM 未个人化")
            .on(0x6700, Reason.WRONG_LENGTH, "wrong length", "长度错误")
            .on(
                    0x9403,
                    Reason.KEY_NOT_FOUND,
                    "the PSAM holds no maintenance key of the card's algorithm and key version",
                    "PSAM 无该算法和密钥版本的应用维护主密钥")
            .on(0x6B00, Reason.WRONG_PARAMETERS, "the PSAM does not know this algorithm", "PSAM 不支持该算法");

    private ComputeBlockMac() {}

    /** The MAC of a card of key version 01 (P2 00, the form of before key versions). */
    public static byte[] send(ApduTransport psam, byte algorithm, byte[] asnRight8, byte[] challenge, byte[] header) {
        return send(psam, algorithm, (byte) 0, asnRight8, challenge, header);
    }

    /**
     * @param algorithm the card's algorithm ID, as its INITIALIZE answers it (CARD-SPEC §3)
     * @param keyVersion the card's key version, as its INITIALIZE answers it (00 stands for 01)
     */
    public static byte[] send(
            ApduTransport psam, byte algorithm, byte keyVersion, byte[] asnRight8, byte[] challenge, byte[] header) {
        byte[] apdu = Apdus.build(
                CMD, algorithm, keyVersion, Apdus.concat(asnRight8, challenge, header), Integer.parseInt(CMD.le(), 16));
        byte[] d = TABLE.check(Apdus.exchange(psam, apdu)).data();
        return Apdus.slice(d, 0, 4, CMD.id());
    }
}
