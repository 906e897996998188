package org.citycard.dictionary.record;

import org.citycard.dictionary.format.BinaryCodec;

/**
 * The card's answer to INITIALIZE FOR PURCHASE and INITIALIZE FOR CAPP PURCHASE (layout
 * {@code purchase_init_answer}): the balance, the offline counter this purchase will use, and the random of its
 * session key.
 *
 * @param random hex
 */
public record PurchaseInitAnswer(
        long balance, int offlineSeq, long overdraftLimit, int keyVersion, int algorithmId, String random) {
    public static final BinaryCodec CODEC = BinaryCodec.of("purchase_init_answer");
    public static final int SIZE = CODEC.size();

    public static PurchaseInitAnswer decode(byte[] answer) {
        BinaryCodec.Values v = CODEC.decode(answer);
        return new PurchaseInitAnswer(
                v.number("balance"),
                v.integer("offline_seq"),
                v.number("overdraft_limit"),
                v.integer("key_version"),
                v.integer("algorithm_id"),
                v.string("random"));
    }

    public byte[] bytes() {
        return CODEC.writer()
                .put("balance", balance)
                .put("offline_seq", offlineSeq)
                .put("overdraft_limit", overdraftLimit)
                .put("key_version", keyVersion)
                .put("algorithm_id", algorithmId)
                .put("random", random)
                .encode();
    }

    /** The bytes of one field, by its layout name (the offline seq and random enter the session key). */
    public byte[] field(String name) {
        return CODEC.slice(bytes(), name);
    }
}
