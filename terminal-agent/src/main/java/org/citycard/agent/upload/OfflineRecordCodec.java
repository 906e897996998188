package org.citycard.agent.upload;

import java.nio.charset.StandardCharsets;
import org.citycard.agent.journal.OfflineRecord;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.codec.Amounts;
import org.citycard.dictionary.codec.Bcd;
import org.citycard.dictionary.codec.Hex;
import org.citycard.dictionary.format.BinaryLayout;

/** A journaled event as the dictionary's offline_record (66 bytes, 0320 field 63), every offset from the layout. */
public final class OfflineRecordCodec {
    private static final BinaryLayout L = Dictionary.standard().binaryLayout("offline_record");

    private OfflineRecordCodec() {}

    public static int size() {
        return L.size();
    }

    public static byte[] encode(OfflineRecord r) {
        byte[] b = new byte[L.size()];
        put(b, "record_type", Hex.parse("record_type", r.recordType()));
        put(b, "asn", Bcd.encode("asn", r.asn(), L.length("asn")));
        put(b, "offline_seq", new byte[] {(byte) (r.seq() >> 8), (byte) r.seq()});
        put(b, "balance_before", Amounts.toBytes("balance_before", r.balanceBefore(), 4));
        put(b, "amount", Amounts.toBytes("amount", r.amount(), 4));
        put(b, "terminal_id", Bcd.encode("terminal_id", r.terminalId(), 6));
        put(b, "ttsn", Amounts.toBytes("ttsn", r.ttsn(), 4));
        put(b, "transaction_date", Bcd.encode("transaction_date", r.date(), 4));
        put(b, "transaction_time", Bcd.encode("transaction_time", r.time(), 3));
        put(b, "tac", Hex.parse("tac", r.tac() == null ? "00000000" : r.tac(), 4));
        put(b, "key_version", new byte[] {(byte) r.keyVersion()});
        put(b, "algorithm_id", new byte[] {(byte) r.algorithm()});
        put(b, "department_code", Bcd.encode("department_code", r.department(), L.length("department_code")));
        byte[] payee = new byte[L.length("payee_reference")];
        java.util.Arrays.fill(payee, (byte) ' ');
        byte[] p = r.payee().getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(p, 0, payee, 0, Math.min(p.length, payee.length));
        put(b, "payee_reference", payee);
        return b;
    }

    private static void put(byte[] into, String field, byte[] value) {
        int len = L.length(field);
        if (value.length != len) {
            throw new IllegalArgumentException(
                    "offline_record." + field + " is " + len + " bytes, got " + value.length);
        }
        System.arraycopy(value, 0, into, L.offset(field), len);
    }

    /** The (ASN, offline seq) key of an encoded record, for tests and the host side of tests. */
    public static String asn(byte[] rec, int offset) {
        return Bcd.decode(rec, offset + L.offset("asn"), L.length("asn"));
    }

    public static int seq(byte[] rec, int offset) {
        int o = offset + L.offset("offline_seq");
        return ((rec[o] & 0xFF) << 8) | (rec[o + 1] & 0xFF);
    }

    public static long ttsn(byte[] rec, int offset) {
        return Amounts.fromBytes(rec, offset + L.offset("ttsn"), 4);
    }

    public static String terminal(byte[] rec, int offset) {
        return Bcd.decode(rec, offset + L.offset("terminal_id"), 6);
    }
}
