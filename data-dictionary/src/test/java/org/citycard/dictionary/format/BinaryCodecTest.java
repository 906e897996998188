package org.citycard.dictionary.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.validate.ValidationException;
import org.junit.jupiter.api.Test;

/** Every binary layout of the dictionary written and read back by the codec; bad input refused with names. */
class BinaryCodecTest {
    private final Dictionary dict = Dictionary.standard();

    @Test
    void everyLayout_roundTrips_byteForByte() {
        Random rnd = new Random(7);
        assertThat(dict.binaryLayouts().keySet())
                .hasSize(13)
                .contains(
                        "offline_record",
                        "purchase_init_answer",
                        "version_info",
                        "original_data_elements",
                        "upload_result",
                        "sign_on_keys",
                        "hotlist_compact_entry");
        for (String id : dict.binaryLayouts().keySet()) {
            BinaryCodec codec = new BinaryCodec(dict, id);
            for (int round = 0; round < 20; round++) {
                Map<String, Object> values = new LinkedHashMap<>();
                for (String f : codec.fieldNames()) {
                    values.put(f, sample(codec, f, rnd));
                }
                byte[] bytes = codec.encode(values);
                assertThat(bytes).as(id).hasSize(codec.size());
                BinaryCodec.Values read = codec.decode(bytes);
                assertThat(codec.encode(read.asMap())).as(id).isEqualTo(bytes);
                assertThat(read.raw()).isEqualTo(bytes);
                for (String f : codec.fieldNames()) {
                    assertThat(read.bytes(f)).hasSize(codec.length(f));
                }
            }
        }
    }

    /** A valid value for a field: dates and times real, digits digits, binary random. */
    private static Object sample(BinaryCodec codec, String field, Random rnd) {
        int len = codec.length(field);
        String rule = codec.rule(field);
        if ("date".equals(rule)) {
            return String.format("2026%02d%02d", 1 + rnd.nextInt(12), 1 + rnd.nextInt(28));
        }
        if ("time".equals(rule)) {
            return String.format("%02d%02d%02d", rnd.nextInt(24), rnd.nextInt(60), rnd.nextInt(60));
        }
        return switch (codec.type(field)) {
            case AMOUNT -> (long) rnd.nextInt(1 << Math.min(30, 8 * len - 1));
            case BCD -> digits(rnd, 2 * len);
            case N -> digits(rnd, len);
            case AN -> ("R" + rnd.nextInt(1000) + "-REF")
                    .substring(0, Math.min(len, 5))
                    .stripTrailing();
            case GB18030 -> "市民卡";
            case B -> {
                byte[] b = new byte[len];
                rnd.nextBytes(b);
                yield b;
            }
        };
    }

    private static String digits(Random rnd, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(rnd.nextInt(10));
        }
        return sb.toString();
    }

    @Test
    void aRecordOfTheWrongSize_isRefused_withTheLayoutAndSizeNamed() {
        BinaryCodec codec = BinaryCodec.of("offline_record");
        assertThatThrownBy(() -> codec.decode(new byte[65]))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("offline_record")
                .hasMessageContaining("65 bytes")
                .hasMessageContaining("66 bytes");
    }

    @Test
    void badBcd_anImpossibleDate_andNonAsciiText_nameLayoutFieldValueAndRule() {
        BinaryCodec codec = BinaryCodec.of("offline_record");
        byte[] good = goodRecord(codec);
        byte[] bcd = good.clone();
        bcd[codec.offset("asn")] = (byte) 0xAF;
        assertThatThrownBy(() -> codec.decode(bcd))
                .hasMessageContaining("offline_record.asn")
                .hasMessageContaining("AF")
                .hasMessageContaining("nibble above 9");
        byte[] date = good.clone();
        date[codec.offset("transaction_date") + 2] = 0x13;
        assertThatThrownBy(() -> codec.decode(date))
                .hasMessageContaining("offline_record.transaction_date")
                .hasMessageContaining("20261321")
                .hasMessageContaining("date: YYYYMMDD");
        byte[] text = good.clone();
        text[codec.offset("payee_reference") + 3] = (byte) 0x9C;
        assertThatThrownBy(() -> codec.decode(text))
                .hasMessageContaining("offline_record.payee_reference")
                .hasMessageContaining("printable ASCII");
    }

    @Test
    void encoding_refusesMissingUnknownAndOversizedValues() {
        BinaryCodec codec = BinaryCodec.of("load_authorisation_response");
        assertThatThrownBy(() -> codec.writer().put("mac2", "01020304").encode())
                .hasMessageContaining("load_authorisation_response.transaction_date")
                .hasMessageContaining("a value is required");
        assertThatThrownBy(() -> codec.encode(Map.of("mac3", "00")))
                .hasMessageContaining("load_authorisation_response.mac3")
                .hasMessageContaining("not a field");
        assertThatThrownBy(() -> codec.writer()
                        .put("mac2", "0102030405")
                        .put("transaction_date", "20261121")
                        .put("transaction_time", "083015")
                        .encode())
                .hasMessageContaining("load_authorisation_response.mac2");
        assertThatThrownBy(() -> codec.writer()
                        .put("mac2", "01020304")
                        .put("transaction_date", "20261131")
                        .put("transaction_time", "083015")
                        .encode())
                .hasMessageContaining("load_authorisation_response.transaction_date")
                .hasMessageContaining("20261131");
        BinaryCodec answer = BinaryCodec.of("purchase_init_answer");
        assertThatThrownBy(() -> answer.writer()
                        .put("balance", 0L)
                        .put("offline_seq", 1)
                        .put("overdraft_limit", 1L << 24)
                        .put("key_version", 1)
                        .put("algorithm_id", 0)
                        .put("random", "01020304")
                        .encode())
                .hasMessageContaining("purchase_init_answer.overdraft_limit")
                .hasMessageContaining("16777216");
    }

    @Test
    void repeatedRecords_splitAndJoin_andAPartialRecordIsRefused() {
        BinaryCodec codec = BinaryCodec.of("offline_record");
        byte[] one = goodRecord(codec);
        byte[] two = codec.join(java.util.List.of(one, one));
        assertThat(codec.split(two)).hasSize(2);
        assertThatThrownBy(() -> codec.split(java.util.Arrays.copyOf(two, 100)))
                .hasMessageContaining("offline_record list")
                .hasMessageContaining("100 bytes")
                .hasMessageContaining("66-byte records");
    }

    private static byte[] goodRecord(BinaryCodec codec) {
        return codec.writer()
                .put("record_type", "06")
                .put("asn", "31000000000000012345")
                .put("offline_seq", 5)
                .put("balance_before", 10_000L)
                .put("amount", 400L)
                .put("terminal_id", "123456789012")
                .put("ttsn", 0x102)
                .put("transaction_date", "20261121")
                .put("transaction_time", "083015")
                .put("tac", "CBFFB952")
                .put("key_version", 1)
                .put("algorithm_id", 0)
                .put("department_code", "0101")
                .put("payee_reference", "WATER-1")
                .encode();
    }
}
