package org.citycard.issuance.enrolment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.citycard.dictionary.Dictionary;
import org.citycard.issuance.support.People;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every enrolment rule, with a value that passes and values that break it. */
class EnrolmentValidatorTest {
    static final String ID = "11010519491231002X"; // GB 11643 example: Chaoyang, 1949-12-31, woman

    @TempDir
    Path dir;

    EnrolmentValidator v;
    Applicant good;

    @BeforeEach
    void setUp() {
        v = new EnrolmentValidator(Dictionary.standard(), LocalDate.of(2026, 1, 1));
        good = new Applicant(
                ID,
                "王小红",
                "2",
                "01",
                "19491231",
                "110105",
                "北京市朝阳区建国路 1 号",
                "13800138000",
                "21",
                "1",
                "110:1:20200101:110105;310:1:20200101:110105",
                People.photoFile(dir, "p.jpg", People.jpeg(1)));
    }

    private List<String> fieldsBroken(Applicant a) {
        return v.validate(a).stream().map(FieldError::field).toList();
    }

    @Test
    void completeApplicant_passes() {
        assertThat(v.validate(good)).isEmpty();
    }

    @Test
    void optionalFields_mayBeLeftOut() {
        Applicant a = new Applicant(ID, "王小红", "2", "01", "19491231", null, "", " ", null, null, null, good.photo());
        assertThat(v.validate(a)).isEmpty();
    }

    @Test
    void everyMissingRequiredField_isReported() {
        Applicant a = new Applicant(null, null, null, null, null, null, null, null, null, null, null, null);
        assertThat(fieldsBroken(a)).containsExactly("citizen_id", "name", "ethnicity", "photo");
    }

    @Test
    void sexAndBirthDate_leftOut_areTakenFromTheId() {
        Applicant a = new Applicant(ID, "王小红", null, "01", null, null, null, null, null, null, null, good.photo());
        assertThat(v.validate(a)).isEmpty();
        Applicant d = v.derived(a);
        assertThat(d.sex()).isEqualTo("2");
        assertThat(d.birthDate()).isEqualTo("19491231");
        assertThat(v.derived(with(ID.substring(0, 17) + "1", null, null)).sex())
                .as("an invalid ID gives nothing")
                .isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "110105194912310021, check character",
        "11010519491231002, must be 18 characters",
        "1101051949123A002X, 17 digits then a digit or X",
        "110105194902300025, is not a date",
        "990105194912310025, province 99 does not exist",
        "110199194912310025, is not a district of 110100"
    })
    void citizenId_badValues_areRefusedNamingTheRule(String id, String rule) {
        String fixed = id.length() == 18 && !rule.contains("check")
                ? id.substring(0, 17) + org.citycard.dictionary.validate.CitizenId.checkCharacter(id.substring(0, 17))
                : id;
        if (rule.contains("17 digits")) {
            fixed = id;
        }
        Applicant a = with(fixed, good.sex(), good.birthDate());
        List<FieldError> errors = v.validate(a);
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.field()).isEqualTo("citizen_id");
            assertThat(e.rule()).contains(rule);
        });
    }

    @Test
    void citizenId_errorsNeverShowTheFullNumber() {
        FieldError e = v.validate(with("110105194912310021", "2", "19491231")).get(0);
        assertThat(e.toString()).doesNotContain("110105194912310021").contains("1101");
    }

    @Test
    void citizenId_lowerCaseX_isAccepted() {
        assertThat(v.validate(with(ID.toLowerCase(), "2", "19491231"))).isEmpty();
    }

    @Test
    void sex_mustAgreeWithTheIdSequence() {
        assertThat(v.validate(with(ID, "2", "19491231"))).isEmpty();
        List<FieldError> e = v.validate(with(ID, "1", "19491231"));
        assertThat(e).singleElement().satisfies(x -> {
            assertThat(x.field()).isEqualTo("sex");
            assertThat(x.rule())
                    .contains("does not agree with the ID number")
                    .contains("even")
                    .contains("女性");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"3", "M", "12"})
    void sex_notInGbt2261_isRefused(String sex) {
        assertThat(fieldsBroken(with(ID, sex, "19491231"))).containsExactly("sex");
    }

    @Test
    void birthDate_mustAgreeWithTheId() {
        List<FieldError> e = v.validate(with(ID, "2", "19491230"));
        assertThat(e).singleElement().satisfies(x -> assertThat(x.rule()).contains("19491231"));
        assertThat(fieldsBroken(with(ID, "2", "1949-12-31"))).containsExactly("birth_date");
        assertThat(fieldsBroken(with(ID, "2", "19491332"))).containsExactly("birth_date");
    }

    @ParameterizedTest
    @CsvSource({"01, true", "56, true", "97, true", "57, false", "1, false", "ab, false"})
    void ethnicity_mustBeAGb3304Code(String code, boolean ok) {
        Applicant a = copy(good, "ethnicity", code);
        assertThat(fieldsBroken(a).contains("ethnicity")).isEqualTo(!ok);
    }

    @ParameterizedTest
    @CsvSource({"310101, true", "110105, true", "440300, true", "310199, false", "990000, false", "31010, false"})
    void birthplace_mustBeAGbt2260Region(String region, boolean ok) {
        assertThat(fieldsBroken(copy(good, "birthplace", region)).contains("birthplace"))
                .isEqualTo(!ok);
    }

    @Test
    void name_mustFitTheCardInGb18030() {
        assertThat(fieldsBroken(copy(good, "name", "欧阳娜娜"))).isEmpty();
        assertThat(v.validate(copy(good, "name", "阿卜杜热合曼·买买提依明·艾合买提"))) // 15 hanzi + 2 dots = 34 bytes
                .singleElement()
                .satisfies(x -> assertThat(x.rule()).contains("34 bytes, at most 30"));
        String fifteen = "张".repeat(15); // 30 bytes: exactly the card's field
        assertThat(fieldsBroken(copy(good, "name", fifteen))).isEmpty();
        List<FieldError> e = v.validate(copy(good, "name", "张".repeat(16)));
        assertThat(e).singleElement().satisfies(x -> assertThat(x.rule()).contains("32 bytes, at most 30"));
        assertThat(fieldsBroken(copy(good, "name", "张\t三"))).containsExactly("name");
    }

    @Test
    void address_phoneAndEducation_areCheckedWhenGiven() {
        assertThat(fieldsBroken(copy(good, "phone", "12345"))).containsExactly("phone");
        assertThat(fieldsBroken(copy(good, "phone", "021-1234567"))).containsExactly("phone");
        assertThat(fieldsBroken(copy(good, "education", "30"))).containsExactly("education");
        assertThat(fieldsBroken(copy(good, "address", "路".repeat(41)))).containsExactly("address");
    }

    @Test
    void cardType_mustBeInItsTable() {
        assertThat(fieldsBroken(copy(good, "card_type", "3"))).isEmpty();
        assertThat(fieldsBroken(copy(good, "card_type", "7"))).containsExactly("card_type");
    }

    @Test
    void insurance_entriesAreCheckedElementByElement() {
        assertThat(fieldsBroken(copy(good, "insurance", "999:1:20200101:110105")))
                .containsExactly("insurance_type");
        assertThat(fieldsBroken(copy(good, "insurance", "110:7:20200101:110105")))
                .containsExactly("insurance_status");
        assertThat(fieldsBroken(copy(good, "insurance", "110:1:20201301:110105")))
                .containsExactly("insurance_start_date");
        assertThat(fieldsBroken(copy(good, "insurance", "110:1:20200101:990000")))
                .containsExactly("insuring_region");
        assertThat(fieldsBroken(copy(good, "insurance", "110:1:20200101"))).containsExactly("insurance");
        assertThat(fieldsBroken(copy(good, "insurance", "110:1:20200101:110105;110:2:20210101:110105")))
                .containsExactly("insurance");
    }

    @Test
    void photo_jpegAndPng_areAccepted() {
        assertThat(v.photoBytes("a.jpg", People.jpeg(2))).isEmpty();
        assertThat(v.photoBytes("a.png", People.png(3))).isEmpty();
    }

    @Test
    void photo_otherFormatsSizesAndDamage_areRefused() {
        byte[] gif = "GIF89a".getBytes();
        assertThat(v.photoBytes("a.gif", java.util.Arrays.copyOf(gif, 4000)))
                .hasValueSatisfying(e -> assertThat(e.rule()).isEqualTo("not a JPEG or PNG file"));
        byte[] tiny = java.util.Arrays.copyOf(People.jpeg(4), 500);
        assertThat(v.photoBytes("tiny.jpg", tiny))
                .hasValueSatisfying(e -> assertThat(e.rule()).contains("1024 to 40960 bytes"));
        byte[] huge = java.util.Arrays.copyOf(People.jpeg(5), 50_000);
        assertThat(v.photoBytes("huge.jpg", huge))
                .hasValueSatisfying(e -> assertThat(e.rule()).contains("50000 bytes"));
        byte[] fake = new byte[5000];
        fake[0] = (byte) 0x89;
        System.arraycopy("PNG\r\n\u001a\n".getBytes(), 0, fake, 1, 7);
        assertThat(v.photoBytes("fake.png", fake)).isPresent();
        assertThat(fieldsBroken(copy(good, "photo", dir.resolve("missing.jpg").toString())))
                .containsExactly("photo");
    }

    @Test
    void validateField_checksOneFieldForThePrompt() {
        assertThat(v.validateField("citizen_id", ID)).isEmpty();
        assertThat(v.validateField("citizen_id", "110105194912310021")).isPresent();
        assertThat(v.validateField("ethnicity", "57")).isPresent();
        assertThat(v.validateField("name", "李四")).isEmpty();
    }

    private Applicant with(String id, String sex, String birth) {
        return new Applicant(
                id, good.name(), sex, good.ethnicity(), birth, null, null, null, null, null, null, good.photo());
    }

    private static Applicant copy(Applicant a, String field, String value) {
        return new Applicant(
                a.citizenId(),
                field.equals("name") ? value : a.name(),
                a.sex(),
                field.equals("ethnicity") ? value : a.ethnicity(),
                a.birthDate(),
                field.equals("birthplace") ? value : a.birthplace(),
                field.equals("address") ? value : a.address(),
                field.equals("phone") ? value : a.phone(),
                field.equals("education") ? value : a.education(),
                field.equals("card_type") ? value : a.cardType(),
                field.equals("insurance") ? value : a.insurance(),
                field.equals("photo") ? Path.of(value) : a.photo());
    }
}
