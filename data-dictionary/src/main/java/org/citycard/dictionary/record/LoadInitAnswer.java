package org.citycard.dictionary.record;

import org.citycard.dictionary.format.BinaryCodec;

/**
 * The card's answer to INITIALIZE FOR LOAD (layout {@code load_authorisation_request}), which travels unchanged
 * as field 48 of the 0100: the balance, the online counter, the key of the load and the card's MAC1.
 *
 * @param random hex
 * @param mac1 hex
 */
public record LoadInitAnswer(long balance, int onlineSeq, int keyVersion, int algorithmId, String random, String mac1) {
    public static final BinaryCodec CODEC = BinaryCodec.of("load_authorisation_request");
    public static final int SIZE = CODEC.size();

    public static LoadInitAnswer decode(byte[] answer) {
        BinaryCodec.Values v = CODEC.decode(answer);
        return new LoadInitAnswer(
                v.number("balance"),
                v.integer("online_seq"),
                v.integer("key_version"),
                v.integer("algorithm_id"),
                v.string("random"),
                v.string("mac1"));
    }

    /** The answer's bytes: field 48 of the 0100. */
    public byte[] bytes() {
        return CODEC.writer()
                .put("balance", balance)
                .put("online_seq", onlineSeq)
                .put("key_version", keyVersion)
                .put("algorithm_id", algorithmId)
                .put("random", random)
                .put("mac1", mac1)
                .encode();
    }

    /** The bytes of one field, by its layout name (balance, online seq and random enter the MACs). */
    public byte[] field(String name) {
        return CODEC.slice(bytes(), name);
    }
}
