package org.citycard.dictionary.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.citycard.dictionary.validate.ValidationException;
import org.junit.jupiter.api.Test;

class CodecsTest {
    @Test
    void bcd_packsRightAlignedAndUnpacks() {
        assertThat(Hex.of(Bcd.encode("123456789012", 6))).isEqualTo("123456789012");
        assertThat(Hex.of(Bcd.encode("12345", 4))).isEqualTo("00012345");
        assertThat(Bcd.decode(Hex.parse("20261121"))).isEqualTo("20261121");
    }

    @Test
    void bcd_refusesLettersTooManyDigitsAndBadNibbles() {
        assertThatThrownBy(() -> Bcd.encode("terminal_id", "12A4", 6))
                .hasMessageContaining("terminal_id '12A4': BCD: decimal digits only");
        assertThatThrownBy(() -> Bcd.encode("date", "123456789", 4)).hasMessageContaining("at most 8 digits");
        assertThatThrownBy(() -> Bcd.decode("date", Hex.parse("2026112A"), 0, 4))
                .hasMessageContaining("nibble above 9 at byte 3");
    }

    @Test
    void amounts_areFenInUnsignedBigEndian() {
        assertThat(Hex.of(Amounts.toBytes(400, 4))).isEqualTo("00000190");
        assertThat(Amounts.fromBytes(Hex.parse("00002AF8"), 0, 4)).isEqualTo(11000);
        assertThat(Amounts.parseYuan("amount", "100.00")).isEqualTo(10000);
        assertThat(Amounts.format(11000)).isEqualTo("110.00");
        assertThat(Amounts.format(5)).isEqualTo("0.05");
    }

    @Test
    void amounts_refuseNegativeOverflowAndThirdDecimal() {
        assertThatThrownBy(() -> Amounts.toBytes("amount", -1, 4)).hasMessageContaining("amount '-1'");
        assertThatThrownBy(() -> Amounts.toBytes("overdraft_limit", 1L << 24, 3))
                .hasMessageContaining("0 .. 16777215");
        assertThatThrownBy(() -> Amounts.parseYuan("amount", "1.005")).hasMessageContaining("at most two decimals");
        assertThatThrownBy(() -> Amounts.parseYuan("amount", "abc")).isInstanceOf(ValidationException.class);
    }

    @Test
    void gb18030_namesFitInBytes() {
        byte[] b = Gb18030Text.encodePadded("name", "张三", 30);
        assertThat(b).hasSize(30);
        assertThat(Hex.of(b, 0, 4)).isEqualTo("D5C5C8FD");
        assertThat(Gb18030Text.decode(b, 0, 30)).isEqualTo("张三");
        // a rare character outside GBK still encodes in GB 18030 (4 bytes)
        assertThat(Gb18030Text.encode("name", "𠀀", 30)).hasSize(4);
        assertThatThrownBy(() -> Gb18030Text.encode("name", "欧阳".repeat(8), 30))
                .hasMessageContaining("32 bytes, at most 30 fit on the card");
        assertThatThrownBy(() -> Gb18030Text.encode("name", "a\u0001b", 30))
                .hasMessageContaining("no control characters");
    }

    @Test
    void tlv_roundTripsWithMultiByteTagsAndLongLengths() {
        Tlv fci = Tlv.of(
                0x6F,
                new Tlv(0x84, Hex.parse("F043434550303101")).encode(),
                Tlv.of(0xA5, new Tlv(0x9F0C, new byte[30]).encode()).encode());
        byte[] enc = fci.encode();
        assertThat(Tlv.parseAll(enc)).containsExactly(fci);
        assertThat(Tlv.find(enc, 0x9F0C).orElseThrow().value()).hasSize(30);
        Tlv big = new Tlv(0x63, new byte[300]);
        assertThat(Hex.of(big.encode(), 0, 4)).isEqualTo("6382012C");
        assertThat(Tlv.parseAll(big.encode())).containsExactly(big);
        assertThat(List.of(Hex.of(new Tlv(0x01, Hex.parse("AB")).encode()))).containsExactly("0101AB");
    }

    @Test
    void tlv_refusesTruncatedData_namingTheOffset() {
        assertThatThrownBy(() -> Tlv.parseAll(Hex.parse("0105AABB")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("BER-TLV at offset 2: value of 5 bytes runs past the end");
        assertThatThrownBy(() -> Tlv.parseAll(Hex.parse("9F"))).hasMessageContaining("tag runs past the end");
    }

    @Test
    void hex_errorsNameTheField() {
        assertThatThrownBy(() -> Hex.parse("random", "12345")).hasMessageContaining("random '12345'");
        assertThatThrownBy(() -> Hex.parse("ttsn", "0102", 4)).hasMessageContaining("must be 4 bytes, is 2");
    }
}
