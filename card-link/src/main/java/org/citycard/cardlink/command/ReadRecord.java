package org.citycard.cardlink.command;

import java.util.Optional;
import org.citycard.cardlink.ApduTransport;
import org.citycard.dictionary.card.CardCommand;

/** READ RECORD by SFI: P1 = record number (the tag on SSSE TLV files), P2 = SFI × 8 + 4, Le 00. */
public final class ReadRecord {
    private static final CardCommand CMD = Apdus.command("read_record");
    private static final StatusTable TABLE = StatusTable.of(CMD)
            .on(0x6982, Reason.SECURITY_NOT_SATISFIED, "the file needs the PIN first", "读该文件需先校验 PIN")
            .on(0x6A82, Reason.NOT_FOUND, "no such file", "文件未找到")
            .on(0x6A83, Reason.NOT_FOUND, "no such record", "记录未找到")
            .on(0x6B00, Reason.WRONG_PARAMETERS, "wrong record number or SFI", "记录号或 SFI 错误")
            .on(0x6700, Reason.WRONG_LENGTH, "wrong length", "长度错误")
            .on(0x6985, Reason.APPLICATION_BLOCKED, "the application is blocked", "应用已锁定");

    private ReadRecord() {}

    public static byte[] send(ApduTransport t, int sfi, int record) {
        byte[] apdu = Apdus.build(CMD, (byte) record, (byte) ((sfi << 3) | 4), null, 0);
        return TABLE.check(Apdus.exchange(t, apdu)).data();
    }

    /** The record, or empty when the card has none with that number (6A83, an empty cyclic slot). */
    public static Optional<byte[]> find(ApduTransport t, int sfi, int record) {
        try {
            return Optional.of(send(t, sfi, record));
        } catch (CardRefusedException e) {
            if (e.sw() == 0x6A83) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
