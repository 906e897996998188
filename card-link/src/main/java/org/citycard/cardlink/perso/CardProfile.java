package org.citycard.cardlink.perso;

import java.time.LocalDate;
import java.util.List;
import org.citycard.dictionary.validate.CitizenId;

/**
 * Everything personalisation writes to one citizen card, in the dictionary's text forms.
 *
 * @param insurance EF07 entries {@code type:status:start:region}, possibly empty
 * @param reviewDate the review date (年审日期) of a concession card (purse SFI 15 card_concession); null takes the
 *     dictionary's rule for a card type that needs the review ({@link #effectiveReviewDate}) and none for another
 */
public record CardProfile(
        String asn,
        String cardNumber,
        String citizenId,
        String name,
        String sex,
        String ethnicity,
        String birthplace,
        LocalDate birthDate,
        String cardType,
        LocalDate issueDate,
        LocalDate expiryDate,
        List<String> insurance,
        LocalDate reviewDate) {

    public CardProfile {
        insurance = insurance == null ? List.of() : List.copyOf(insurance);
    }

    /** A profile whose review date follows the dictionary's rule. */
    public CardProfile(
            String asn,
            String cardNumber,
            String citizenId,
            String name,
            String sex,
            String ethnicity,
            String birthplace,
            LocalDate birthDate,
            String cardType,
            LocalDate issueDate,
            LocalDate expiryDate,
            List<String> insurance) {
        this(
                asn,
                cardNumber,
                citizenId,
                name,
                sex,
                ethnicity,
                birthplace,
                birthDate,
                cardType,
                issueDate,
                expiryDate,
                insurance,
                null);
    }

    /**
     * The review date personalisation writes: the one given, else for a card type whose fare rules need the review
     * (card-type attr {@code review}) the issue date plus {@code review_period_months} less a day, at most the expiry
     * date; none for another card type.
     */
    public LocalDate effectiveReviewDate(org.citycard.dictionary.Dictionary dict) {
        if (reviewDate != null) {
            return reviewDate;
        }
        return reviewDue(dict, cardType, issueDate, expiryDate);
    }

    /**
     * The review date of a card of this type reviewed (or issued) on {@code day}: the day before the same day
     * {@code review_period_months} on, at most {@code expiry}; null when the card type needs no review.
     */
    public static LocalDate reviewDue(
            org.citycard.dictionary.Dictionary dict, String cardType, LocalDate day, LocalDate expiry) {
        boolean needs = dict.codeTable("card-type")
                .find(cardType == null ? "1" : cardType)
                .map(c -> "true".equals(c.attr("review")))
                .orElse(false);
        if (!needs) {
            return null;
        }
        LocalDate due =
                day.plusMonths(dict.parameter("review_period_months").asInt()).minusDays(1);
        return due.isAfter(expiry) ? expiry : due;
    }

    /** Never the full ID number or the name. */
    @Override
    public String toString() {
        return "CardProfile[" + asn + ", " + CitizenId.mask(citizenId) + "]";
    }
}
