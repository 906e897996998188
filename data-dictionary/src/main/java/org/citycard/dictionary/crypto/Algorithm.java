package org.citycard.dictionary.crypto;

/** The algorithm ID of CARD-SPEC §3 (algorithm code table). */
public enum Algorithm {
    /** Two-key triple DES, 8-byte blocks. */
    TDES((byte) 0x00, 8, "3DES"),
    /** SM4 (GB/T 32907), 16-byte blocks: the SM4 profile of CARD-SPEC §7. */
    SM4((byte) 0x04, 16, "SM4");

    private final byte id;
    private final int blockSize;
    private final String label;

    Algorithm(byte id, int blockSize, String label) {
        this.id = id;
        this.blockSize = blockSize;
        this.label = label;
    }

    public byte id() {
        return id;
    }

    /**
     * The algorithm ID as it is written in records, registries and JSON: two upper-case hex digits ({@code 00},
     * {@code 04}); {@link #parse} reads it back.
     */
    public String code() {
        return String.format("%02X", id);
    }

    /** How the algorithm is written for people (logs, receipts, reports): {@code 3DES} or {@code SM4}. */
    public String label() {
        return label;
    }

    public int blockSize() {
        return blockSize;
    }

    /**
     * An algorithm by the name an operator types ({@code 3des}, {@code tdes}, {@code sm4}, any case) or its ID ({@code
     * 00}, {@code 04}); null or blank is 3DES.
     *
     * @throws IllegalArgumentException naming the field, the value and the rule
     */
    public static Algorithm parse(String field, String value) {
        if (value == null || value.isBlank()) {
            return TDES;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "3des", "tdes", "00" -> TDES;
            case "sm4", "04" -> SM4;
            default -> throw new IllegalArgumentException(
                    field + " '" + value + "': 3des (algorithm 00) or sm4 (algorithm 04)");
        };
    }

    public static Algorithm fromId(byte id) {
        for (Algorithm a : values()) {
            if (a.id == id) {
                return a;
            }
        }
        throw new IllegalArgumentException(
                "algorithm_id '" + String.format("%02X", id) + "': not in the algorithm code table (00 3DES, 04 SM4)");
    }
}
