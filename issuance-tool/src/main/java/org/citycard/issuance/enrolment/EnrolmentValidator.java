package org.citycard.issuance.enrolment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.citycard.dictionary.Code;
import org.citycard.dictionary.DataElement;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.validate.CitizenId;
import org.citycard.dictionary.validate.Rules;
import org.citycard.dictionary.validate.ValidationException;

/**
 * Checks an applicant field by field against the dictionary, then the fields against each other: the ID number's
 * check character; sex and birth date, taken from the ID number ({@link #derived}), agree with it when given; the region, ethnicity, education, card type and
 * insurance codes are in their tables; the name fits the card in GB 18030; the photograph is a JPEG or PNG of the
 * photo element's size. Every problem is reported, not only the first.
 */
public final class EnrolmentValidator {
    /** Photograph formats accepted, recognised by their leading bytes. */
    public enum PhotoType {
        JPEG(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}),
        PNG(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});

        private final byte[] magic;

        PhotoType(byte[] magic) {
            this.magic = magic;
        }

        static Optional<PhotoType> sniff(byte[] data) {
            for (PhotoType t : values()) {
                if (data.length >= t.magic.length
                        && java.util.Arrays.equals(data, 0, t.magic.length, t.magic, 0, t.magic.length)) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        }
    }

    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    private final Dictionary dict;
    private final LocalDate today;

    public EnrolmentValidator(Dictionary dict, LocalDate today) {
        this.dict = dict;
        this.today = today;
    }

    /** Every rule broken by the applicant, in field order; empty when the applicant may be enrolled. */
    public List<FieldError> validate(Applicant raw) {
        return validate(raw, null);
    }

    /**
     * Every rule broken by the applicant, the photograph given as bytes (an upload, or the photograph on file) when
     * {@code photoData} is not null, otherwise read from the applicant's photo file.
     */
    public List<FieldError> validate(Applicant raw, byte[] photoData) {
        Applicant a = raw.normalised();
        List<FieldError> errors = new ArrayList<>();
        CitizenId id = citizenId(a.citizenId(), errors);
        required("name", a.name(), errors).ifPresent(v -> element("name", v, errors));
        // sex and birth date are the ID number's: not asked for, but when given they must agree with it
        if (a.sex() != null
                && element("sex", a.sex(), errors)
                && id != null
                && !a.sex().equals(id.sex())) {
            Code expected = dict.codeTable("sex").find(id.sex()).orElseThrow();
            errors.add(FieldError.of(
                    "sex",
                    a.sex(),
                    "does not agree with the ID number: its sequence " + id.sequence() + " is "
                            + (id.sex().equals("1") ? "odd" : "even") + ", which is " + expected.code() + " "
                            + expected.zh() + " " + expected.en()
                            + " (GB 11643); leave it out to take it from the ID"));
        }
        required("ethnicity", a.ethnicity(), errors).ifPresent(v -> element("ethnicity", v, errors));
        if (a.birthDate() != null
                && element("birth_date", a.birthDate(), errors)
                && id != null
                && !a.birthDate().equals(id.birthDate().format(YYYYMMDD))) {
            errors.add(FieldError.of(
                    "birth_date",
                    a.birthDate(),
                    "does not agree with the ID number, which gives "
                            + id.birthDate().format(YYYYMMDD) + " (GB 11643); leave it out to take it from the ID"));
        }
        if (a.birthplace() != null) {
            element("birthplace", a.birthplace(), errors);
        }
        if (a.address() != null) {
            element("address", a.address(), errors);
        }
        if (a.phone() != null) {
            element("phone", a.phone(), errors);
        }
        if (a.education() != null) {
            element("education", a.education(), errors);
        }
        element("card_type", a.cardType() == null ? "1" : a.cardType(), errors);
        if (a.insurance() != null) {
            insurance(a.insurance(), errors);
        }
        if (photoData != null) {
            photoBytes(a.photo() == null ? "photo" : a.photo().getFileName().toString(), photoData)
                    .ifPresent(errors::add);
        } else {
            photo(a.photo(), errors);
        }
        return errors;
    }

    /**
     * The applicant with sex and birth date taken from a valid ID number where they were left out (GB 11643: the
     * sequence's last digit is odd for men, even for women; digits 7 to 14 are the birth date). Unchanged when the ID
     * number is not valid: its own error says why.
     */
    public Applicant derived(Applicant raw) {
        Applicant a = raw.normalised();
        if (a.citizenId() == null || (a.sex() != null && a.birthDate() != null)) {
            return a;
        }
        CitizenId id;
        try {
            id = CitizenId.parse(a.citizenId(), dict.codeTable("region"), today);
        } catch (ValidationException e) {
            return a;
        }
        return new Applicant(
                a.citizenId(),
                a.name(),
                a.sex() == null ? id.sex() : a.sex(),
                a.ethnicity(),
                a.birthDate() == null ? id.birthDate().format(YYYYMMDD) : a.birthDate(),
                a.birthplace(),
                a.address(),
                a.phone(),
                a.education(),
                a.cardType(),
                a.insurance(),
                a.photo());
    }

    /** Checks one field on its own (for the interactive prompt, which asks again at once). */
    public Optional<FieldError> validateField(String field, String value) {
        List<FieldError> errors = new ArrayList<>();
        switch (field) {
            case "citizen_id" -> citizenId(value, errors);
            case "insurance" -> insurance(value, errors);
            default -> element(field, value, errors);
        }
        return errors.stream().findFirst();
    }

    private CitizenId citizenId(String value, List<FieldError> errors) {
        if (value == null) {
            errors.add(FieldError.of("citizen_id", "", "a value is required"));
            return null;
        }
        try {
            return CitizenId.parse(value, dict.codeTable("region"), today);
        } catch (ValidationException e) {
            errors.add(FieldError.of("citizen_id", e));
            return null;
        }
    }

    private Optional<String> required(String field, String value, List<FieldError> errors) {
        if (value == null) {
            errors.add(FieldError.of(field, "", "a value is required"));
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** Checks a value against its data element (length, characters, code table, rule). */
    private boolean element(String elementId, String value, List<FieldError> errors) {
        try {
            Rules.checkElement(dict, elementId, value);
            return true;
        } catch (ValidationException e) {
            errors.add(FieldError.of(elementId, e.value(), e.rule()));
            return false;
        }
    }

    /** {@code type:status:start:region;…}: one entry per insurance type, each part an EF07 element. */
    private void insurance(String text, List<FieldError> errors) {
        List<String> seen = new ArrayList<>();
        for (String entry : text.split(";")) {
            String[] p = entry.strip().split(":");
            if (p.length != 4) {
                errors.add(
                        FieldError.of("insurance", entry, "type:status:start date:region, e.g. 310:1:20200101:310104"));
                continue;
            }
            boolean ok = element("insurance_type", p[0], errors)
                    & element("insurance_status", p[1], errors)
                    & element("insurance_start_date", p[2], errors)
                    & element("insuring_region", p[3], errors);
            if (ok && seen.contains(p[0])) {
                errors.add(FieldError.of("insurance", entry, "insurance type " + p[0] + " is given twice"));
            }
            seen.add(p[0]);
        }
    }

    private void photo(Path photo, List<FieldError> errors) {
        if (photo == null) {
            errors.add(FieldError.of("photo", "", "a photograph (JPEG or PNG) is required"));
            return;
        }
        byte[] data;
        try {
            data = Files.readAllBytes(photo);
        } catch (IOException e) {
            errors.add(FieldError.of("photo", photo.toString(), "cannot be read: " + e.getMessage()));
            return;
        }
        photoBytes(photo.getFileName().toString(), data).ifPresent(errors::add);
    }

    /** Checks a photograph: format by its leading bytes, size within the photo element, and that it decodes. */
    public Optional<FieldError> photoBytes(String name, byte[] data) {
        DataElement e = dict.element("photo");
        Optional<PhotoType> type = PhotoType.sniff(data);
        if (type.isEmpty()) {
            return Optional.of(FieldError.of("photo", name, "not a JPEG or PNG file"));
        }
        if (data.length < e.minLength() || data.length > e.maxLength()) {
            return Optional.of(FieldError.of(
                    "photo",
                    name,
                    "is " + data.length + " bytes; a photograph is " + e.minLength() + " to " + e.maxLength()
                            + " bytes"));
        }
        try {
            if (ImageIO.read(new ByteArrayInputStream(data)) == null) {
                return Optional.of(FieldError.of("photo", name, type.get() + " header but not a readable image"));
            }
        } catch (IOException | RuntimeException ex) {
            return Optional.of(FieldError.of("photo", name, type.get() + " file is damaged: " + ex.getMessage()));
        }
        return Optional.empty();
    }

    /** The photograph's type (it has passed {@link #photoBytes}). */
    public static PhotoType photoType(byte[] data) {
        return PhotoType.sniff(data).orElseThrow(() -> new IllegalArgumentException("photo: not a JPEG or PNG file"));
    }
}
