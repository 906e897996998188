package org.citycard.cardlink.command;

import org.citycard.cardlink.ApduTransport;
import org.citycard.dictionary.card.CardCommand;

/** READ BINARY of a transparent file by SFI: P1 = 80 + SFI, P2 = offset. */
public final class ReadBinary {
    private static final CardCommand CMD = Apdus.command("read_binary");
    private static final StatusTable TABLE = StatusTable.of(CMD)
            .on(0x6982, Reason.SECURITY_NOT_SATISFIED, "the file needs the PIN first", "读该文件需先校验 PIN")
            .on(0x6A82, Reason.NOT_FOUND, "no such file", "文件未找到")
            .on(0x6B00, Reason.WRONG_PARAMETERS, "offset outside the file", "偏移超出文件")
            .on(0x6700, Reason.WRONG_LENGTH, "length outside the file", "长度超出文件")
            .on(0x6985, Reason.APPLICATION_BLOCKED, "the application is blocked", "应用已锁定");

    private ReadBinary() {}

    public static byte[] send(ApduTransport t, int sfi, int offset, int length) {
        byte[] apdu = Apdus.build(CMD, (byte) (0x80 | sfi), (byte) offset, null, length & 0xFF);
        return TABLE.check(Apdus.exchange(t, apdu)).data();
    }
}
