package org.citycard.dictionary.crypto;

/** The algorithm ID of CARD-SPEC §3 (algorithm code table). */
public enum Algorithm {
    /** Two-key triple DES, 8-byte blocks. */
    TDES((byte) 0x00, 8),
    /** SM4 (GB/T 32907), 16-byte blocks: the SM4 profile of CARD-SPEC §7. */
    SM4((byte) 0x04, 16);

    private final byte id;
    private final int blockSize;

    Algorithm(byte id, int blockSize) {
        this.id = id;
        this.blockSize = blockSize;
    }

    public byte id() {
        return id;
    }

    public int blockSize() {
        return blockSize;
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
