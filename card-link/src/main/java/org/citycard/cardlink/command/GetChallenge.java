package org.citycard.cardlink.command;

import org.citycard.cardlink.ApduTransport;
import org.citycard.dictionary.card.CardCommand;

/** GET CHALLENGE: 4 or 8 random bytes, the ICV of the next secure-messaging command. */
public final class GetChallenge {
    private static final CardCommand CMD = Apdus.command("get_challenge");
    private static final StatusTable TABLE = StatusTable.of(CMD)
            .on(0x6700, Reason.WRONG_LENGTH, "a challenge is 4 or 8 bytes", "随机数长度应为 4 或 8")
            .on(0x6B00, Reason.WRONG_PARAMETERS, "wrong P1/P2", "参数错误");

    private GetChallenge() {}

    public static byte[] send(ApduTransport t, int length) {
        byte[] d = TABLE.check(Apdus.exchange(t, Apdus.build(CMD, CMD.p1Byte(), CMD.p2Byte(), null, length)))
                .data();
        return Apdus.slice(d, 0, length, CMD.id());
    }
}
