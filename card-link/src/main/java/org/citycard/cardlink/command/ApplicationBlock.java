package org.citycard.cardlink.command;

import org.citycard.cardlink.ApduTransport;
import org.citycard.dictionary.card.CardCommand;

/** APPLICATION BLOCK: secure messaging with DAMK; the MAC comes from the PSAM (COMPUTE BLOCK MAC). */
public final class ApplicationBlock {
    private static final CardCommand CMD = Apdus.command("application_block");
    private static final StatusTable TABLE = StatusTable.of(CMD)
            .on(
                    0x9302,
                    Reason.MAC_INVALID,
                    "the block MAC is wrong: the PSAM does not hold this issuer's key",
                    "锁卡 MAC 错误")
            .on(0x6985, Reason.CONDITIONS_NOT_SATISFIED, "no challenge was asked first", "未先取随机数")
            .on(0x6700, Reason.WRONG_LENGTH, "wrong length", "长度错误");

    private ApplicationBlock() {}

    /** The 5 header bytes the block MAC covers: CLA INS P1 P2 Lc. */
    public static byte[] header() {
        return new byte[] {
            CMD.claByte(), CMD.insByte(), CMD.p1Byte(), CMD.p2Byte(), (byte) Integer.parseInt(CMD.lc(), 16)
        };
    }

    public static void send(ApduTransport t, byte[] mac) {
        TABLE.check(Apdus.exchange(t, Apdus.build(CMD, CMD.p1Byte(), CMD.p2Byte(), mac, -1)));
    }
}
