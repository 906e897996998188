package org.citycard.issuance.enrolment;

import java.nio.file.Path;

/**
 * What the clerk captures for one citizen, as text in the dictionary's element forms. Optional fields are null.
 *
 * @param citizenId GB 11643 ID number (element citizen_id)
 * @param name GB 18030 name (element name)
 * @param sex GB/T 2261.1 code (element sex)
 * @param ethnicity GB 3304 code, two digits (element ethnicity)
 * @param birthDate YYYYMMDD (element birth_date)
 * @param birthplace GB/T 2260 region code (element birthplace); the ID number's region when null
 * @param cardType card-type code; 1 (standard) when null
 * @param insurance participation, {@code type:status:start:region} separated by ';' (EF07), or null
 * @param photo the photograph file (JPEG or PNG)
 */
public record Applicant(
        String citizenId,
        String name,
        String sex,
        String ethnicity,
        String birthDate,
        String birthplace,
        String address,
        String phone,
        String education,
        String cardType,
        String insurance,
        Path photo) {

    /** The applicant with surrounding blanks removed and empty optional fields as null. */
    public Applicant normalised() {
        return new Applicant(
                trim(citizenId) == null ? null : trim(citizenId).toUpperCase(java.util.Locale.ROOT),
                trim(name),
                trim(sex),
                trim(ethnicity),
                trim(birthDate),
                trim(birthplace),
                trim(address),
                trim(phone),
                trim(education),
                trim(cardType),
                trim(insurance),
                photo);
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Never the full ID number. */
    @Override
    public String toString() {
        return "Applicant[" + org.citycard.dictionary.validate.CitizenId.mask(citizenId) + "]";
    }
}
