package org.citycard.cardlink.command;

import java.util.Arrays;
import org.citycard.cardlink.ApduTransport;
import org.citycard.dictionary.card.CardCommand;
import org.citycard.dictionary.crypto.CardCrypto;

/** CHANGE PIN: old PIN ‖ FF ‖ new PIN. A wrong old PIN counts as a failed VERIFY. */
public final class ChangePin {
    private static final CardCommand CMD = Apdus.command("change_pin");
    private static final StatusTable TABLE = StatusTable.of(CMD)
            .on(0x63C0, Reason.WRONG_PIN, "wrong current PIN, x tries left", "原 PIN 错误，还可尝试 x 次")
            .on(0x6983, Reason.PIN_BLOCKED, "the PIN is blocked; the issuer can unblock it", "PIN 已锁定，请到发卡网点解锁")
            .on(0x6700, Reason.WRONG_LENGTH, "a PIN has 4 to 12 digits", "PIN 应为 4 至 12 位数字")
            .on(0x6A80, Reason.WRONG_DATA, "a PIN is digits only", "PIN 只能是数字")
            .on(
                    0x6985,
                    Reason.CONDITIONS_NOT_SATISFIED,
                    "the application does not allow a PIN change now",
                    "应用状态不允许修改 PIN");

    private ChangePin() {}

    public static void send(ApduTransport t, char[] oldPin, char[] newPin) {
        byte[] o = CardCrypto.pinBcd(new String(oldPin));
        byte[] n = CardCrypto.pinBcd(new String(newPin));
        byte[] data = Apdus.concat(o, new byte[] {(byte) 0xFF}, n);
        try {
            TABLE.check(Apdus.exchange(t, Apdus.build(CMD, CMD.p1Byte(), CMD.p2Byte(), data, -1)));
        } finally {
            Arrays.fill(o, (byte) 0);
            Arrays.fill(n, (byte) 0);
            Arrays.fill(data, (byte) 0);
        }
    }
}
