package org.citycard.dictionary.card;

import com.fasterxml.jackson.annotation.JsonValue;

/** The structure of an elementary file on the card. */
public enum FileStructure {
    BINARY("binary", "二进制文件", "Binary file"),
    LINEAR_FIXED("linear-fixed", "定长记录文件", "Linear fixed records"),
    CYCLIC("cyclic", "循环记录文件", "Cyclic records"),
    TLV_RECORDS("tlv-records", "TLV 记录文件（标签 = 记录号）", "TLV records (tag = record number)");

    private final String yaml;
    private final String zh;
    private final String en;

    FileStructure(String yaml, String zh, String en) {
        this.yaml = yaml;
        this.zh = zh;
        this.en = en;
    }

    @JsonValue
    public String yaml() {
        return yaml;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }
}
