package org.citycard.cardlink.command;

import org.citycard.cardlink.ApduTransport;
import org.citycard.dictionary.card.CardCommand;

/** UPDATE CAPP DATA CACHE: the department record (SFI 17) written with the debit that follows, or not at all. */
public final class UpdateCappDataCache {
    private static final CardCommand CMD = Apdus.command("update_capp_data_cache");
    private static final StatusTable TABLE = StatusTable.of(CMD)
            .on(0x6985, Reason.CONDITIONS_NOT_SATISFIED, "no compound purchase was initialised", "未进行复合消费初始化")
            .on(0x6A83, Reason.NOT_FOUND, "the card has no such department record", "卡内无此部门记录")
            .on(0x6A80, Reason.WRONG_DATA, "the record's category byte does not match", "部门记录类别不符")
            .on(0x6700, Reason.WRONG_LENGTH, "a department record is 32 bytes", "部门记录应为 32 字节")
            .on(0x6B00, Reason.WRONG_PARAMETERS, "wrong record number", "记录号错误");

    private UpdateCappDataCache() {}

    public static void send(ApduTransport t, int recordNumber, byte[] record) {
        TABLE.check(Apdus.exchange(t, Apdus.build(CMD, (byte) recordNumber, CMD.p2Byte(), record, -1)));
    }
}
