package org.citycard.dictionary;

/** How a data element is encoded on the card or the wire. */
public enum ElementType {
    /** Decimal digits, one ASCII character each. */
    N("数字", "Numeric digits (ASCII)"),
    /** Alphanumeric ASCII characters. */
    AN("字母数字", "Alphanumeric (ASCII)"),
    /** Packed decimal, two digits a byte. */
    BCD("压缩 BCD", "Packed BCD"),
    /** Raw bytes. */
    B("二进制", "Binary"),
    /** Chinese text in GB 18030, 0x00-padded on the card, space-padded in text files. */
    GB18030("GB 18030 文本", "GB 18030 text"),
    /** Unsigned big-endian integer of fen (1/100 CNY). */
    AMOUNT("金额（分）", "Amount in fen, unsigned big-endian");

    private final String zh;
    private final String en;

    ElementType(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }
}
