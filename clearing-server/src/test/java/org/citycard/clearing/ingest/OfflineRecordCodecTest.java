package org.citycard.clearing.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.citycard.clearing.codes.QuarantineReason;
import org.citycard.clearing.codes.ResponseCode;
import org.citycard.dictionary.codec.Hex;
import org.junit.jupiter.api.Test;

/** The dictionary's offline_record layout, decoded and encoded; codes resolved from the dictionary by name. */
class OfflineRecordCodecTest {
    @Test
    void aRecord_roundTrips_throughTheDictionaryLayout() {
        byte[] raw = OfflineRecordCodec.encode(
                "06",
                "31000000000000012345",
                5,
                10_000,
                400,
                "123456789012",
                0x102,
                "20261121",
                "083015",
                Hex.parse("CBFFB952"),
                1,
                0,
                "0101",
                "WATER-1");

        OfflineRecord r = OfflineRecordCodec.decode(raw);

        assertThat(raw).hasSize(66);
        assertThat(r.asn()).isEqualTo("31000000000000012345");
        assertThat(r.offlineSeq()).isEqualTo(5);
        assertThat(r.balanceAfter()).isEqualTo(9_600);
        assertThat(r.ttsn()).isEqualTo(0x102);
        assertThat(r.tac()).isEqualTo("CBFFB952");
        assertThat(r.departmentCode()).isEqualTo("0101");
        assertThat(r.payeeReference()).isEqualTo("WATER-1");
    }

    @Test
    void badBcd_aShortRecord_andAnImpossibleDate_areMalformed_withTheFieldNamed() {
        byte[] raw = OfflineRecordCodec.encode(
                "06",
                "31000000000000012345",
                5,
                10_000,
                400,
                "123456789012",
                1,
                "20261121",
                "083015",
                new byte[4],
                1,
                0,
                "0101",
                "");
        raw[1] = (byte) 0xAF;
        assertThatThrownBy(() -> OfflineRecordCodec.decode(raw)).hasMessageContaining("asn");
        assertThatThrownBy(() -> OfflineRecordCodec.decode(new byte[65])).hasMessageContaining("65 bytes");
        byte[] date = OfflineRecordCodec.encode(
                "06",
                "31000000000000012345",
                5,
                10_000,
                400,
                "123456789012",
                1,
                "20261121",
                "083015",
                new byte[4],
                1,
                0,
                "0101",
                "");
        date[OfflineRecordCodec.layout().offset("transaction_date") + 2] = 0x13;
        assertThatThrownBy(() -> OfflineRecordCodec.decode(date)).hasMessageContaining("transaction_date");
        byte[] payee = date.clone();
        payee[OfflineRecordCodec.layout().offset("transaction_date") + 2] = 0x11;
        assertThat(OfflineRecordCodec.decode(payee).payeeReference()).isEmpty(); // NUL and space padding: none
        payee[OfflineRecordCodec.layout().offset("payee_reference") + 3] = (byte) 0x9C;
        assertThatThrownBy(() -> OfflineRecordCodec.decode(payee)).hasMessageContaining("payee_reference");
        payee[OfflineRecordCodec.layout().offset("payee_reference") + 3] = 0x07;
        assertThatThrownBy(() -> OfflineRecordCodec.decode(payee)).hasMessageContaining("payee_reference");
    }

    @Test
    void everyNamedCode_resolvesInTheDictionary() {
        assertThat(ResponseCode.APPROVED.code()).isEqualTo("00");
        assertThat(ResponseCode.UNKNOWN_TERMINAL.code()).isEqualTo("97");
        assertThat(QuarantineReason.TAC_INVALID.code()).isEqualTo("Q1");
        for (ResponseCode c : ResponseCode.values()) {
            assertThat(c.code()).hasSize(2);
        }
        for (QuarantineReason q : QuarantineReason.values()) {
            assertThat(QuarantineReason.of(q.code())).contains(q);
        }
    }
}
