package org.citycard.dictionary.validate;

import java.time.DateTimeException;
import java.time.LocalDate;
import org.citycard.dictionary.CodeTable;
import org.citycard.dictionary.Dictionary;

/**
 * A GB 11643-1999 citizen identity number: region (6, GB/T 2260), birth date (8), sequence (3, odd for men,
 * even for women), check character (ISO 7064 MOD 11-2, 0..9 or X).
 */
public record CitizenId(String value, String region, LocalDate birthDate, String sequence, String sex) {
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";
    private static final String FIELD = "citizen_id";

    /** Parses and validates against the standard dictionary's region table and today's date. */
    public static CitizenId parse(String id) {
        return parse(id, Dictionary.standard().codeTable("region"), LocalDate.now());
    }

    /**
     * Parses and validates.
     *
     * @throws ValidationException naming the rule that fails: length, characters, check character, birth date
     *     or region
     */
    public static CitizenId parse(String id, CodeTable regions, LocalDate today) {
        if (id == null || id.length() != 18) {
            throw new ValidationException(
                    FIELD,
                    String.valueOf(id),
                    "GB 11643: must be 18 characters, has " + (id == null ? 0 : id.length()));
        }
        String upper = id.toUpperCase(java.util.Locale.ROOT);
        if (!upper.substring(0, 17).chars().allMatch(Character::isDigit)
                || !(Character.isDigit(upper.charAt(17)) || upper.charAt(17) == 'X')) {
            throw new ValidationException(FIELD, id, "GB 11643: 17 digits then a digit or X");
        }
        char expected = checkCharacter(upper.substring(0, 17));
        if (upper.charAt(17) != expected) {
            throw new ValidationException(
                    FIELD, id, "GB 11643 check character: expected " + expected + ", found " + upper.charAt(17));
        }
        LocalDate birth;
        try {
            birth = LocalDate.of(
                    Integer.parseInt(upper.substring(6, 10)),
                    Integer.parseInt(upper.substring(10, 12)),
                    Integer.parseInt(upper.substring(12, 14)));
        } catch (DateTimeException e) {
            throw new ValidationException(
                    FIELD, id, "GB 11643 birth date: " + upper.substring(6, 14) + " is not a date");
        }
        if (birth.isAfter(today) || birth.getYear() < 1880) {
            throw new ValidationException(
                    FIELD, id, "GB 11643 birth date: " + upper.substring(6, 14) + " is not a possible birth date");
        }
        String region = upper.substring(0, 6);
        Regions.check(FIELD, id, region, regions);
        String sequence = upper.substring(14, 17);
        String sex = (sequence.charAt(2) - '0') % 2 == 1 ? "1" : "2";
        return new CitizenId(upper, region, birth, sequence, sex);
    }

    /** The GB 11643 check character of the first 17 digits. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK.charAt(sum % 11);
    }

    /** For logs and audit: region and year kept, the rest masked (e.g. 110105********002X → 1101**********02X). */
    public static String mask(String id) {
        if (id == null || id.length() < 8) {
            return "****";
        }
        return id.substring(0, 4) + "*".repeat(id.length() - 7) + id.substring(id.length() - 3);
    }
}
