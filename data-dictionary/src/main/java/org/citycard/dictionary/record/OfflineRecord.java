package org.citycard.dictionary.record;

import java.util.Arrays;
import java.util.List;
import org.citycard.dictionary.codec.Hex;
import org.citycard.dictionary.format.BinaryCodec;

/**
 * One offline transaction record (layout {@code offline_record}, 66 bytes): what a terminal journals when a
 * purchase, compound purchase or hotlist block completes, and uploads unchanged in the 0320's field 63.
 * Idempotent on the server by (ASN, offline seq) and (terminal ID, TTSN).
 *
 * @param recordType the transaction-type code in hex (06 purchase, 09 compound purchase, A1 hotlist block)
 * @param transactionDate YYYYMMDD, the terminal's date of the transaction
 * @param transactionTime hhmmss
 * @param tac hex; 00000000 while the card's answer is not yet had
 * @param raw the record's bytes: as read by {@link #decode}, or encoded from the fields when given null
 */
public record OfflineRecord(
        String recordType,
        String asn,
        int offlineSeq,
        long balanceBefore,
        long amount,
        String terminalId,
        long ttsn,
        String transactionDate,
        String transactionTime,
        String tac,
        int keyVersion,
        int algorithmId,
        String departmentCode,
        String payeeReference,
        byte[] raw) {
    public static final BinaryCodec CODEC = BinaryCodec.of("offline_record");

    /** Bytes per record: the layout's size. */
    public static final int SIZE = CODEC.size();

    /** The TAC of a record whose card answer is not yet had. */
    public static final String NO_TAC = "0".repeat(2 * CODEC.length("tac"));

    public OfflineRecord {
        raw = raw == null
                ? CODEC.writer()
                        .put("record_type", recordType)
                        .put("asn", asn)
                        .put("offline_seq", offlineSeq)
                        .put("balance_before", balanceBefore)
                        .put("amount", amount)
                        .put("terminal_id", terminalId)
                        .put("ttsn", ttsn)
                        .put("transaction_date", transactionDate)
                        .put("transaction_time", transactionTime)
                        .put("tac", tac == null ? NO_TAC : tac)
                        .put("key_version", keyVersion)
                        .put("algorithm_id", algorithmId)
                        .put("department_code", departmentCode)
                        .put("payee_reference", payeeReference)
                        .encode()
                : raw.clone();
        tac = tac == null ? NO_TAC : tac;
    }

    /** A record from its fields, encoded by the layout (the TAC null while pending). */
    public static OfflineRecord of(
            String recordType,
            String asn,
            int offlineSeq,
            long balanceBefore,
            long amount,
            String terminalId,
            long ttsn,
            String transactionDate,
            String transactionTime,
            String tac,
            int keyVersion,
            int algorithmId,
            String departmentCode,
            String payeeReference) {
        return new OfflineRecord(
                recordType,
                asn,
                offlineSeq,
                balanceBefore,
                amount,
                terminalId,
                ttsn,
                transactionDate,
                transactionTime,
                tac,
                keyVersion,
                algorithmId,
                departmentCode,
                payeeReference,
                null);
    }

    /** Decodes one record; the bytes are kept exactly as given (TAC inputs are taken from them). */
    public static OfflineRecord decode(byte[] raw) {
        BinaryCodec.Values v = CODEC.decode(raw);
        return new OfflineRecord(
                v.string("record_type"),
                v.string("asn"),
                v.integer("offline_seq"),
                v.number("balance_before"),
                v.number("amount"),
                v.string("terminal_id"),
                v.number("ttsn"),
                v.string("transaction_date"),
                v.string("transaction_time"),
                v.string("tac"),
                v.integer("key_version"),
                v.integer("algorithm_id"),
                v.string("department_code"),
                v.string("payee_reference"),
                raw);
    }

    /** The records of a 0320's field 63, each decoded. */
    public static List<OfflineRecord> decodeAll(byte[] field63) {
        return CODEC.split(field63).stream().map(OfflineRecord::decode).toList();
    }

    /** The field 63 of a 0320 holding these records' bytes, in order. */
    public static byte[] join(List<byte[]> records) {
        return CODEC.join(records);
    }

    /** The same record with the card's TAC, encoded again. */
    public OfflineRecord withTac(String tacHex) {
        return of(
                recordType,
                asn,
                offlineSeq,
                balanceBefore,
                amount,
                terminalId,
                ttsn,
                transactionDate,
                transactionTime,
                tacHex,
                keyVersion,
                algorithmId,
                departmentCode,
                payeeReference);
    }

    public long balanceAfter() {
        return balanceBefore - amount;
    }

    /** The record's bytes (a copy). */
    public byte[] bytes() {
        return raw.clone();
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    public String rawHex() {
        return Hex.of(raw);
    }

    /** The bytes of one field, by its layout name. */
    public byte[] field(String name) {
        return CODEC.slice(raw, name);
    }

    /**
     * The TAC's input (CARD-SPEC §4.1): amount ‖ transaction type ‖ terminal ID ‖ TTSN ‖ date ‖ time, byte for byte
     * from the record.
     */
    public byte[] tacInput() {
        return concat(
                field("amount"),
                field("record_type"),
                field("terminal_id"),
                field("ttsn"),
                field("transaction_date"),
                field("transaction_time"));
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OfflineRecord r && Arrays.equals(raw, r.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "OfflineRecord[terminal " + terminalId + " TTSN " + ttsn + ", card " + asn + " offline_seq " + offlineSeq
                + "]";
    }
}
