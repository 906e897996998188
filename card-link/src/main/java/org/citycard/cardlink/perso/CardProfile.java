package org.citycard.cardlink.perso;

import java.time.LocalDate;
import java.util.List;
import org.citycard.dictionary.validate.CitizenId;

/**
 * Everything personalisation writes to one citizen card, in the dictionary's text forms.
 *
 * @param insurance EF07 entries {@code type:status:start:region}, possibly empty
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
        List<String> insurance) {

    public CardProfile {
        insurance = insurance == null ? List.of() : List.copyOf(insurance);
    }

    /** Never the full ID number or the name. */
    @Override
    public String toString() {
        return "CardProfile[" + asn + ", " + CitizenId.mask(citizenId) + "]";
    }
}
