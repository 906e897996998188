package org.citycard.dictionary.record;

import org.citycard.dictionary.format.BinaryCodec;

/** Field 48 of the 0220 load completion advice (layout {@code load_completion}): the card's TAC of the load. */
public record LoadCompletionData(String tac) {
    public static final BinaryCodec CODEC = BinaryCodec.of("load_completion");
    public static final int SIZE = CODEC.size();

    public static LoadCompletionData decode(byte[] field48) {
        return new LoadCompletionData(CODEC.decode(field48).string("tac"));
    }

    public byte[] bytes() {
        return CODEC.writer().put("tac", tac).encode();
    }
}
