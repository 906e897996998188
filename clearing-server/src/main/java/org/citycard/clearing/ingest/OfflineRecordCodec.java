package org.citycard.clearing.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.codec.Amounts;
import org.citycard.dictionary.codec.Bcd;
import org.citycard.dictionary.codec.Hex;
import org.citycard.dictionary.format.BinaryLayout;
import org.citycard.dictionary.validate.Rules;
import org.citycard.dictionary.validate.ValidationException;

/**
 * Decodes and encodes the dictionary's {@code offline_record} layout. Offsets and lengths come from the
 * dictionary; a record of another size, BCD with a nibble above 9, or an impossible date is refused with the
 * field named.
 */
public final class OfflineRecordCodec {
    private static final BinaryLayout LAYOUT = Dictionary.standard().binaryLayout("offline_record");

    /** Bytes per record: 66. */
    public static final int SIZE = LAYOUT.size();

    private OfflineRecordCodec() {}

    public static BinaryLayout layout() {
        return LAYOUT;
    }

    /** Decodes one record; checks only what the layout says (the money rules are the ingest's). */
    public static OfflineRecord decode(byte[] raw) {
        if (raw.length != SIZE) {
            throw new MalformedRecordException("offline_record: " + raw.length + " bytes, the layout has " + SIZE);
        }
        try {
            String type = Hex.of(slice(raw, "record_type"));
            String asn = bcd(raw, "asn");
            int seq = (int) number(raw, "offline_seq");
            long before = number(raw, "balance_before");
            long amount = number(raw, "amount");
            String terminal = bcd(raw, "terminal_id");
            long ttsn = number(raw, "ttsn");
            String date = bcd(raw, "transaction_date");
            String time = bcd(raw, "transaction_time");
            Rules.date("transaction_date", date);
            Rules.time("transaction_time", time);
            String tac = Hex.of(slice(raw, "tac"));
            int keyVersion = (int) number(raw, "key_version");
            int algorithm = (int) number(raw, "algorithm_id");
            String department = bcd(raw, "department_code");
            String payee = new String(slice(raw, "payee_reference"), StandardCharsets.US_ASCII)
                    .replace('\0', ' ')
                    .strip();
            if (!payee.matches("[\\x20-\\x7E]*")) {
                throw new MalformedRecordException("payee_reference: printable ASCII only");
            }
            return new OfflineRecord(
                    type,
                    asn,
                    seq,
                    before,
                    amount,
                    terminal,
                    ttsn,
                    date,
                    time,
                    tac,
                    keyVersion,
                    algorithm,
                    department,
                    payee,
                    raw.clone());
        } catch (ValidationException e) {
            throw new MalformedRecordException(e.getMessage());
        }
    }

    /** Encodes a record (for tests, benchmarks and simulated terminals). */
    public static byte[] encode(
            String recordType,
            String asn,
            int offlineSeq,
            long balanceBefore,
            long amount,
            String terminalId,
            long ttsn,
            String date,
            String time,
            byte[] tac,
            int keyVersion,
            int algorithmId,
            String departmentCode,
            String payeeReference) {
        byte[] out = new byte[SIZE];
        put(out, "record_type", Hex.parse("record_type", recordType, 1));
        put(out, "asn", Bcd.encode("asn", asn, LAYOUT.length("asn")));
        put(out, "offline_seq", Amounts.toBytes("offline_seq", offlineSeq, LAYOUT.length("offline_seq")));
        put(out, "balance_before", Amounts.toBytes("balance_before", balanceBefore, LAYOUT.length("balance_before")));
        put(out, "amount", Amounts.toBytes("amount", amount, LAYOUT.length("amount")));
        put(out, "terminal_id", Bcd.encode("terminal_id", terminalId, LAYOUT.length("terminal_id")));
        put(out, "ttsn", Amounts.toBytes("ttsn", ttsn, LAYOUT.length("ttsn")));
        put(out, "transaction_date", Bcd.encode("transaction_date", date, LAYOUT.length("transaction_date")));
        put(out, "transaction_time", Bcd.encode("transaction_time", time, LAYOUT.length("transaction_time")));
        put(out, "tac", tac);
        put(out, "key_version", new byte[] {(byte) keyVersion});
        put(out, "algorithm_id", new byte[] {(byte) algorithmId});
        put(out, "department_code", Bcd.encode("department_code", departmentCode, LAYOUT.length("department_code")));
        byte[] payee =
                Arrays.copyOf(payeeReference.getBytes(StandardCharsets.US_ASCII), LAYOUT.length("payee_reference"));
        for (int i = payeeReference.length(); i < payee.length; i++) {
            payee[i] = ' ';
        }
        put(out, "payee_reference", payee);
        return out;
    }

    /** The bytes of one field of a raw record. */
    public static byte[] slice(byte[] raw, String field) {
        int off = LAYOUT.offset(field);
        return Arrays.copyOfRange(raw, off, off + LAYOUT.length(field));
    }

    private static void put(byte[] out, String field, byte[] value) {
        if (value.length != LAYOUT.length(field)) {
            throw new IllegalArgumentException(
                    field + ": " + value.length + " bytes, layout has " + LAYOUT.length(field));
        }
        System.arraycopy(value, 0, out, LAYOUT.offset(field), value.length);
    }

    private static String bcd(byte[] raw, String field) {
        return Bcd.decode(field, raw, LAYOUT.offset(field), LAYOUT.length(field));
    }

    private static long number(byte[] raw, String field) {
        return Amounts.fromBytes(raw, LAYOUT.offset(field), LAYOUT.length(field));
    }
}
