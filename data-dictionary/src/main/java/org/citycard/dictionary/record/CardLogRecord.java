package org.citycard.dictionary.record;

import org.citycard.dictionary.format.BinaryCodec;

/**
 * One record of the purse's transaction log (SFI 18, layout {@code card_log_record}), as READ RECORD returns it.
 *
 * @param transactionType the transaction-type code in hex (02 load, 06 purchase, 09 compound purchase)
 */
public record CardLogRecord(
        int logSeq,
        long overdraftLimit,
        long amount,
        String transactionType,
        String terminalId,
        String transactionDate,
        String transactionTime) {
    public static final BinaryCodec CODEC = BinaryCodec.of("card_log_record");
    public static final int SIZE = CODEC.size();

    public static CardLogRecord decode(byte[] record) {
        BinaryCodec.Values v = CODEC.decode(record);
        return new CardLogRecord(
                v.integer("log_seq"),
                v.number("overdraft_limit"),
                v.number("amount"),
                v.string("transaction_type"),
                v.string("terminal_id"),
                v.string("transaction_date"),
                v.string("transaction_time"));
    }

    public byte[] bytes() {
        return CODEC.writer()
                .put("log_seq", logSeq)
                .put("overdraft_limit", overdraftLimit)
                .put("amount", amount)
                .put("transaction_type", transactionType)
                .put("terminal_id", terminalId)
                .put("transaction_date", transactionDate)
                .put("transaction_time", transactionTime)
                .encode();
    }
}
