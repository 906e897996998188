package org.citycard.dictionary.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.citycard.dictionary.CodeTable;
import org.citycard.dictionary.Dictionary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CitizenIdTest {
    private final CodeTable regions = Dictionary.standard().codeTable("region");
    private final LocalDate today = LocalDate.of(2026, 11, 21);

    /** A citizen ID with a correct check character, for tests of the other rules. */
    static String withCheck(String first17) {
        return first17 + CitizenId.checkCharacter(first17);
    }

    @Test
    void specExample_isValid() {
        CitizenId id = CitizenId.parse("11010519491231002X", regions, today);
        assertThat(id.region()).isEqualTo("110105");
        assertThat(id.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
        assertThat(id.sex()).isEqualTo("2");
    }

    @Test
    void lowerCaseX_isAccepted() {
        assertThat(CitizenId.parse("11010519491231002x", regions, today).value())
                .endsWith("X");
    }

    @Test
    void wrongCheckCharacter_isRefused_namingTheRule() {
        assertThatThrownBy(() -> CitizenId.parse("110105194912310021", regions, today))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("citizen_id '110105194912310021'")
                .hasMessageContaining("check character: expected X, found 1");
    }

    @ParameterizedTest
    @CsvSource({"19491232", "19490231", "19491301", "20270101", "18000101"})
    void impossibleBirthDate_isRefused(String date) {
        String id = withCheck("110105" + date + "002");
        assertThatThrownBy(() -> CitizenId.parse(id, regions, today))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("birth date: " + date);
    }

    @Test
    void unknownProvince_isRefused() {
        String id = withCheck("99010519491231002");
        assertThatThrownBy(() -> CitizenId.parse(id, regions, today))
                .hasMessageContaining("GB/T 2260 region: province 99 does not exist");
    }

    @Test
    void unknownDistrictOfACompletelyListedCity_isRefused() {
        String id = withCheck("31019919900101123");
        assertThatThrownBy(() -> CitizenId.parse(id, regions, today))
                .hasMessageContaining("GB/T 2260 region: 310199 is not a district of 310100");
    }

    @Test
    void districtOfAProvinceNotListedInDetail_isAccepted() {
        // Guangdong is listed as a province; its cities are not listed, so 440106 cannot be refused.
        assertThat(CitizenId.parse(withCheck("44010619900101123"), regions, today)
                        .region())
                .isEqualTo("440106");
    }

    @Test
    void wrongLengthAndLetters_areRefused() {
        assertThatThrownBy(() -> CitizenId.parse("1101051949", regions, today))
                .hasMessageContaining("must be 18 characters, has 10");
        assertThatThrownBy(() -> CitizenId.parse("1101051949123100AX", regions, today))
                .hasMessageContaining("17 digits then a digit or X");
    }

    @Test
    void mask_keepsNoMoreThanRegionPrefixAndLastThree() {
        assertThat(CitizenId.mask("11010519491231002X")).isEqualTo("1101***********02X");
    }
}
