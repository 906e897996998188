package org.citycard.dictionary.record;

import java.nio.charset.StandardCharsets;
import org.citycard.dictionary.format.BinaryCodec;

/**
 * Field 90 of the 0400 reversal (layout {@code original_data_elements}): which request is reversed.
 *
 * @param originalDateMmdd the original local date as MMDD
 */
public record OriginalDataElements(
        String originalMti, String originalStan, String originalDateMmdd, String originalTime) {
    public static final BinaryCodec CODEC = BinaryCodec.of("original_data_elements");
    public static final int SIZE = CODEC.size();
    private static final String ZEROS = "0".repeat(CODEC.length("reserved_zeros"));

    /** For the request of {@code mti} with this STAN (number), local date YYYYMMDD and time hhmmss. */
    public static OriginalDataElements of(String mti, int stan, String transactionDate, String transactionTime) {
        String stanDigits = String.format("%0" + CODEC.length("original_stan") + "d", stan);
        return new OriginalDataElements(mti, stanDigits, transactionDate.substring(4, 8), transactionTime);
    }

    public static OriginalDataElements parse(String field90) {
        if (field90 == null) {
            throw new org.citycard.dictionary.validate.ValidationException(
                    "original_data_elements", "null", "field 90 is required here");
        }
        BinaryCodec.Values v = CODEC.decode(field90.getBytes(StandardCharsets.US_ASCII));
        return new OriginalDataElements(
                v.string("original_mti"),
                v.string("original_stan"),
                v.string("original_date_mmdd"),
                v.string("original_time"));
    }

    public int stan() {
        return Integer.parseInt(originalStan);
    }

    /** Field 90 as the message carries it (42 digits). */
    public String text() {
        byte[] b = CODEC.writer()
                .put("original_mti", originalMti)
                .put("original_stan", originalStan)
                .put("original_date_mmdd", originalDateMmdd)
                .put("original_time", originalTime)
                .put("reserved_zeros", ZEROS)
                .encode();
        return new String(b, StandardCharsets.US_ASCII);
    }
}
