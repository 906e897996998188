package org.citycard.cardlink.command;

import org.citycard.cardlink.ApduTransport;
import org.citycard.dictionary.card.CardCommand;
import org.citycard.dictionary.crypto.CardCrypto;

/** VERIFY: the cardholder PIN. The PIN is never kept, logged or put in a message. */
public final class Verify {
    private static final CardCommand CMD = Apdus.command("verify");
    private static final StatusTable TABLE = StatusTable.of(CMD)
            .on(0x63C0, Reason.WRONG_PIN, "wrong PIN, x tries left", "PIN 错误，还可尝试 x 次")
            .on(0x6983, Reason.PIN_BLOCKED, "the PIN is blocked; the issuer can unblock it", "PIN 已锁定，请到发卡网点解锁")
            .on(0x6700, Reason.WRONG_LENGTH, "a PIN has 4 to 12 digits", "PIN 应为 4 至 12 位数字")
            .on(0x6A80, Reason.WRONG_DATA, "a PIN is digits only", "PIN 只能是数字")
            .on(0x6985, Reason.CONDITIONS_NOT_SATISFIED, "the application is not ready for a PIN", "应用状态不允许校验 PIN");

    private Verify() {}

    public static void send(ApduTransport t, char[] pin) {
        byte[] bcd = CardCrypto.pinBcd(new String(pin));
        try {
            TABLE.check(Apdus.exchange(t, Apdus.build(CMD, CMD.p1Byte(), CMD.p2Byte(), bcd, -1)));
        } finally {
            java.util.Arrays.fill(bcd, (byte) 0);
        }
    }
}
