package org.citycard.dictionary.record;

import org.citycard.dictionary.format.BinaryCodec;

/**
 * The host's approval of a load (layout {@code load_authorisation_response}, field 48 of the 0110): MAC2 and the
 * host's date and time, which CREDIT FOR LOAD hands to the card.
 *
 * @param mac2 hex
 */
public record LoadAuthorisationAnswer(String mac2, String transactionDate, String transactionTime) {
    public static final BinaryCodec CODEC = BinaryCodec.of("load_authorisation_response");
    public static final int SIZE = CODEC.size();

    public static LoadAuthorisationAnswer decode(byte[] field48) {
        BinaryCodec.Values v = CODEC.decode(field48);
        return new LoadAuthorisationAnswer(
                v.string("mac2"), v.string("transaction_date"), v.string("transaction_time"));
    }

    public byte[] bytes() {
        return CODEC.writer()
                .put("mac2", mac2)
                .put("transaction_date", transactionDate)
                .put("transaction_time", transactionTime)
                .encode();
    }

    public byte[] field(String name) {
        return CODEC.slice(bytes(), name);
    }
}
