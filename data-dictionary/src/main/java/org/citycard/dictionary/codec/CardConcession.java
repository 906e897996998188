package org.citycard.dictionary.codec;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.citycard.dictionary.validate.ValidationException;

/**
 * The purse's {@code card_concession} field (SFI 15 offset 28, the two bytes the public application data kept
 * reserved, so it travels in the FCI and a tap reads it for nothing): the card type and the review date (年审日期)
 * packed in 16 bits, big-endian. Bits 15–12 hold the card-type code (one digit, 0 when none was written: read as
 * the standard card "1"); bits 11–0 the review date counted back from the application expiry date — n ≥ 1 is the
 * expiry date less n − 1 days, 0 none (a card type that needs the review then pays the full fare). A review date is
 * never after the expiry date; 4095 reaches 11 years before it, so with the dictionary's 10-year validity every date
 * from about a year before the start date on fits: a review date in the past is how the counter ends a concession.
 *
 * @param cardType the card-type code (one digit)
 * @param reviewDate the last day of the concession fare; null when the card has none
 */
public record CardConcession(String cardType, LocalDate reviewDate) {
    /** The field's name in the dictionary. */
    public static final String FIELD = "card_concession";
    /** The card type of a card whose field was never written (00 00). */
    public static final String STANDARD = "1";
    /** The largest count the field holds. */
    public static final int MAX_COUNT = 0x0FFF;

    public CardConcession {
        if (cardType == null || !cardType.matches("[1-9]")) {
            throw new ValidationException(
                    "card_type", String.valueOf(cardType), "card_concession holds a card type of one digit 1-9");
        }
    }

    /** The two bytes for a card whose application expires on {@code expiryDate}. */
    public byte[] encode(LocalDate expiryDate) {
        int count = 0;
        if (reviewDate != null) {
            long back = ChronoUnit.DAYS.between(reviewDate, expiryDate);
            if (back < 0 || back > MAX_COUNT - 1) {
                throw new ValidationException(
                        "review_date",
                        reviewDate.toString(),
                        "must be on or before the card's expiry date " + expiryDate + " and at most " + (MAX_COUNT - 1)
                                + " days before it");
            }
            count = (int) back + 1;
        }
        int word = (cardType.charAt(0) - '0') << 12 | count;
        return new byte[] {(byte) (word >> 8), (byte) word};
    }

    /** The field as {@link #encode} writes it, in hex (the form personalisation lays out). */
    public String hex(LocalDate expiryDate) {
        return Hex.of(encode(expiryDate));
    }

    /** Reads the two bytes at {@code offset} of a card whose application expires on {@code expiryDate}. */
    public static CardConcession decode(byte[] data, int offset, LocalDate expiryDate) {
        int word = (data[offset] & 0xFF) << 8 | (data[offset + 1] & 0xFF);
        int type = word >> 12;
        int count = word & MAX_COUNT;
        if (type > 9) {
            throw new ValidationException(
                    FIELD, Hex.of(data, offset, 2), "the card type nibble " + type + " is not a digit");
        }
        return new CardConcession(
                type == 0 ? STANDARD : Integer.toString(type), count == 0 ? null : expiryDate.minusDays(count - 1));
    }
}
