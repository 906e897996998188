package org.citycard.cardlink.command;

import org.citycard.cardlink.ApduTransport;
import org.citycard.dictionary.card.CardCommand;

/**
 * INTERNAL AUTHENTICATE to the SSSE (CARD-SPEC §4.6): the card encrypts a host challenge with its DIAK, so the
 * clearing server, which chose the challenge and holds MIAK, knows the card is present. No PIN needed.
 */
public final class InternalAuthenticate {
    private static final CardCommand CMD = Apdus.command("internal_authenticate");
    private static final int CHALLENGE_LENGTH = Integer.parseInt(CMD.lc(), 16);
    private static final int ANSWER_LENGTH = Integer.parseInt(CMD.le(), 16);
    private static final StatusTable TABLE = StatusTable.of(CMD)
            .on(0x6700, Reason.WRONG_LENGTH, "the challenge is 8 bytes", "随机数应为 8 字节")
            .on(
                    0x6985,
                    Reason.CONDITIONS_NOT_SATISFIED,
                    "the social-security application is not issued or not" + " selected",
                    "社保应用未发行或未选择")
            .on(0x6B00, Reason.WRONG_PARAMETERS, "wrong P1/P2", "参数错误")
            .on(0x9403, Reason.KEY_NOT_FOUND, "the card has no internal authentication key (DIAK)", "卡内无内部认证密钥");

    private InternalAuthenticate() {}

    /** The SSSE must be selected; returns the 8-byte cryptogram. */
    public static byte[] send(ApduTransport t, byte[] challenge) {
        if (challenge == null || challenge.length != CHALLENGE_LENGTH) {
            throw new IllegalArgumentException("internal_authenticate: the challenge is " + CHALLENGE_LENGTH
                    + " bytes, this one is " + (challenge == null ? 0 : challenge.length));
        }
        byte[] d = TABLE.check(Apdus.exchange(t, Apdus.build(CMD, challenge))).data();
        return Apdus.slice(d, 0, ANSWER_LENGTH, CMD.id());
    }
}
