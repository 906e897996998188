package org.citycard.dictionary.codec;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.citycard.dictionary.validate.ValidationException;

/**
 * The purse's {@code card_concession} field (SFI 15 offset 28, the two bytes the public application data kept
 * reserved, so it travels in the FCI and a tap reads it for nothing): the card type and the review date (年审日期)
 * packed in 16 bits, big-endian. Bits 15–12 hold the card-type code (one digit, 0 when none was written: read as
 * the standard card "1"); bits 11–0 the review date as days after the application start date (0 when none: a card
 * type that needs the review then pays the full fare). 4095 days reach 11 years past the start, beyond the
 * dictionary's 10-year card validity.
 *
 * @param cardType the card-type code (one digit)
 * @param reviewDate the last day of the concession fare; null when the card has none
 */
public record CardConcession(String cardType, LocalDate reviewDate) {
    /** The field's name in the dictionary. */
    public static final String FIELD = "card_concession";
    /** The card type of a card whose field was never written (00 00). */
    public static final String STANDARD = "1";
    /** The most days after the start date the field can hold. */
    public static final int MAX_DAYS = 0x0FFF;

    public CardConcession {
        if (cardType == null || !cardType.matches("[1-9]")) {
            throw new ValidationException(
                    "card_type", String.valueOf(cardType), "card_concession holds a card type of one digit 1-9");
        }
    }

    /** The two bytes for a card whose application starts on {@code startDate}. */
    public byte[] encode(LocalDate startDate) {
        int days = 0;
        if (reviewDate != null) {
            long d = ChronoUnit.DAYS.between(startDate, reviewDate);
            if (d < 1 || d > MAX_DAYS) {
                throw new ValidationException(
                        "review_date",
                        reviewDate.toString(),
                        "must be 1 to " + MAX_DAYS + " days after the card's start date " + startDate);
            }
            days = (int) d;
        }
        int word = (cardType.charAt(0) - '0') << 12 | days;
        return new byte[] {(byte) (word >> 8), (byte) word};
    }

    /** The field as {@link #encode} writes it, in hex (the form personalisation lays out). */
    public String hex(LocalDate startDate) {
        return Hex.of(encode(startDate));
    }

    /** Reads the two bytes at {@code offset} of a card whose application starts on {@code startDate}. */
    public static CardConcession decode(byte[] data, int offset, LocalDate startDate) {
        int word = (data[offset] & 0xFF) << 8 | (data[offset + 1] & 0xFF);
        int type = word >> 12;
        int days = word & MAX_DAYS;
        if (type > 9) {
            throw new ValidationException(
                    FIELD, Hex.of(data, offset, 2), "the card type nibble " + type + " is not a digit");
        }
        return new CardConcession(
                type == 0 ? STANDARD : Integer.toString(type), days == 0 ? null : startDate.plusDays(days));
    }
}
