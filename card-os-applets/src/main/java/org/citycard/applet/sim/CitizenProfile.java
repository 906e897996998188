package org.citycard.applet.sim;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.validate.CitizenId;
import org.citycard.dictionary.validate.Rules;

/**
 * What personalisation writes on a citizen card: the purse's ASN and dates, the SSSE identity, the insurance
 * records and the cardholder PIN. The PIN never appears in {@link #toString()}.
 *
 * @param asn application serial number, 20 digits; its right 8 bytes diversify every card key
 * @param cardNumber social-security card number, 9 characters (EF05 record 07)
 * @param citizenId citizen ID (GB 11643, 18 characters): the social-security number and the purse holder ID
 * @param name holder name (GB 18030, at most 30 bytes)
 * @param sex GB/T 2261.1 code ("1" male, "2" female …)
 * @param ethnicity GB 3304 code, two digits
 * @param birthplace GB/T 2260 region, six digits
 * @param birthDate date of birth
 * @param cardType card-type code ("1" standard citizen card …)
 * @param issueDate issue date (EF05, purse start date)
 * @param expiryDate expiry date (EF05, purse expiry date)
 * @param pin the cardholder PIN, 4 to 12 digits
 * @param insurance EF07 records, at most one per insurance type
 * @param reviewDate the review date (年审日期) of a concession card (purse SFI 15 card_concession); null: the
 *     dictionary's rule (issue date + review_period_months for a card type that needs the review)
 */
public record CitizenProfile(
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
        String pin,
        List<Insurance> insurance,
        LocalDate reviewDate) {

    /** The ASN of CARD-SPEC §6, whose keys are known answers. */
    public static final String DEMO_ASN = "31000000000000012345";

    /** The demo PIN of demo cards (dictionary parameter default_pin). */
    public static final String DEMO_PIN = "123456";

    public CitizenProfile {
        Objects.requireNonNull(asn, "asn");
        Rules.checkElement(Dictionary.standard(), "asn", asn);
        if (cardNumber == null || cardNumber.length() != 9) {
            throw new IllegalArgumentException("cardNumber: must be 9 characters, is \"" + cardNumber + "\"");
        }
        CitizenId.parse(citizenId);
        if (pin == null || !pin.matches("\\d{4,12}")) {
            throw new IllegalArgumentException("pin: must be 4 to 12 digits (value not shown)");
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(issueDate, "issueDate");
        Objects.requireNonNull(expiryDate, "expiryDate");
        insurance = insurance == null ? List.of() : List.copyOf(insurance);
    }

    /** A profile whose review date follows the dictionary's rule. */
    public CitizenProfile(
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
            String pin,
            List<Insurance> insurance) {
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
                pin,
                insurance,
                null);
    }

    /** The same profile valid (EF05, purse SFI 15) from {@code issue} to {@code expiry}. */
    public CitizenProfile withValidity(LocalDate issue, LocalDate expiry) {
        return new CitizenProfile(
                asn,
                cardNumber,
                citizenId,
                name,
                sex,
                ethnicity,
                birthplace,
                birthDate,
                cardType,
                issue,
                expiry,
                pin,
                insurance,
                reviewDate);
    }

    /**
     * The same profile as a card of another type (card-type code, e.g. "2" senior) with this review date (null: the
     * dictionary's rule).
     */
    public CitizenProfile withConcession(String newCardType, LocalDate newReviewDate) {
        return new CitizenProfile(
                asn,
                cardNumber,
                citizenId,
                name,
                sex,
                ethnicity,
                birthplace,
                birthDate,
                newCardType,
                issueDate,
                expiryDate,
                pin,
                insurance,
                newReviewDate);
    }

    /** The demo cardholder of CARD-SPEC §6 (ASN 31000000000000012345, PIN 123456). */
    public static CitizenProfile demo() {
        return demo(DEMO_ASN);
    }

    /** A demo cardholder with another ASN (card number and citizen ID stay those of the demo holder). */
    public static CitizenProfile demo(String asn) {
        Rules.checkElement(Dictionary.standard(), "asn", asn);
        return new CitizenProfile(
                asn,
                "A" + asn.substring(asn.length() - 8),
                "310104199001011234".substring(0, 17) + CitizenId.checkCharacter("31010419900101123"),
                "张三",
                "1",
                "01",
                "310104",
                LocalDate.of(1990, 1, 1),
                "1",
                LocalDate.of(2026, 1, 1),
                LocalDate.of(2036, 1, 1),
                DEMO_PIN,
                List.of(
                        new Insurance("110", "1", LocalDate.of(2012, 7, 1), "310104"),
                        new Insurance("310", "1", LocalDate.of(2012, 7, 1), "310104")));
    }

    /** The same profile with another PIN. */
    public CitizenProfile withPin(String newPin) {
        return new CitizenProfile(
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
                newPin,
                insurance,
                reviewDate);
    }

    /**
     * What card-link's personaliser writes for this profile (everything but the PIN, which is given apart): the
     * insurance records as {@code type:status:start:region}.
     */
    public org.citycard.cardlink.perso.CardProfile cardProfile() {
        return new org.citycard.cardlink.perso.CardProfile(
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
                insurance.stream()
                        .map(i -> i.type() + ":" + i.status() + ":"
                                + i.start().format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE) + ":"
                                + i.region())
                        .toList(),
                reviewDate);
    }

    @Override
    public String toString() {
        return "CitizenProfile[asn=" + asn + ", cardNumber=" + cardNumber + ", citizenId=" + CitizenId.mask(citizenId)
                + ", pin=******]";
    }

    /**
     * One EF07 record.
     *
     * @param type insurance-type code (3 characters, e.g. "110" pension)
     * @param status insurance-status code ("1" participating …)
     * @param start participation start date
     * @param region insuring region, six digits
     */
    public record Insurance(String type, String status, LocalDate start, String region) {}
}
