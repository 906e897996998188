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

    /** A field's place, looked up in the layout once (decoding runs for every uploaded record). */
    private record Field(String name, int offset, int length) {
        static Field of(String name) {
            return new Field(name, LAYOUT.offset(name), LAYOUT.length(name));
        }
    }

    private static final Field RECORD_TYPE = Field.of("record_type");
    private static final Field ASN = Field.of("asn");
    private static final Field OFFLINE_SEQ = Field.of("offline_seq");
    private static final Field BALANCE_BEFORE = Field.of("balance_before");
    private static final Field AMOUNT = Field.of("amount");
    private static final Field TERMINAL_ID = Field.of("terminal_id");
    private static final Field TTSN = Field.of("ttsn");
    private static final Field TRANSACTION_DATE = Field.of("transaction_date");
    private static final Field TRANSACTION_TIME = Field.of("transaction_time");
    private static final Field TAC = Field.of("tac");
    private static final Field KEY_VERSION = Field.of("key_version");
    private static final Field ALGORITHM_ID = Field.of("algorithm_id");
    private static final Field DEPARTMENT_CODE = Field.of("department_code");
    private static final Field PAYEE_REFERENCE = Field.of("payee_reference");

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
            String type = Hex.of(raw, RECORD_TYPE.offset(), RECORD_TYPE.length());
            String asn = bcd(raw, ASN);
            int seq = (int) number(raw, OFFLINE_SEQ);
            long before = number(raw, BALANCE_BEFORE);
            long amount = number(raw, AMOUNT);
            String terminal = bcd(raw, TERMINAL_ID);
            long ttsn = number(raw, TTSN);
            String date = bcd(raw, TRANSACTION_DATE);
            String time = bcd(raw, TRANSACTION_TIME);
            Rules.date("transaction_date", date);
            Rules.time("transaction_time", time);
            String tac = Hex.of(raw, TAC.offset(), TAC.length());
            int keyVersion = (int) number(raw, KEY_VERSION);
            int algorithm = (int) number(raw, ALGORITHM_ID);
            String department = bcd(raw, DEPARTMENT_CODE);
            int payeeEnd = PAYEE_REFERENCE.offset() + PAYEE_REFERENCE.length();
            for (int i = PAYEE_REFERENCE.offset(); i < payeeEnd; i++) {
                if (raw[i] != 0 && (raw[i] < 0x20 || raw[i] > 0x7E)) {
                    throw new MalformedRecordException("payee_reference: printable ASCII only");
                }
            }
            String payee = new String(
                            raw, PAYEE_REFERENCE.offset(), PAYEE_REFERENCE.length(), StandardCharsets.US_ASCII)
                    .replace('\0', ' ')
                    .strip();
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

    private static String bcd(byte[] raw, Field field) {
        return Bcd.decode(field.name(), raw, field.offset(), field.length());
    }

    private static long number(byte[] raw, Field field) {
        return Amounts.fromBytes(raw, field.offset(), field.length());
    }
}
