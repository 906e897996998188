package org.citycard.clearing.socialsecurity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.citycard.clearing.settlement.DayCloseContext;
import org.citycard.clearing.support.TestData;
import org.citycard.dictionary.validate.ValidationException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Import of the department exchange file against a real database: bad rows reported by line and left out, good
 * rows kept, a broken frame refused whole, the same file again changing nothing, a later file correcting a month.
 * Run on Derby and PostgreSQL.
 */
abstract class ExchangeImportSuite extends DayCloseContext {
    @Autowired
    ExchangeFileImporter importer;

    @Autowired
    SocialSecurityService service;

    @Autowired
    JdbcTemplate jdbc;

    static int sequence(long n) {
        return (int) (n % 999) + 1;
    }

    @Test
    void badRows_areReportedByLine_andGoodRowsKept() {
        String alice = ExchangeFiles.citizen(sequence(TestData.unique()));
        String bob = ExchangeFiles.citizen(sequence(TestData.unique()));
        String badId = alice.substring(0, 17) + (alice.charAt(17) == '1' ? '2' : '1');
        byte[] file = new ExchangeFiles()
                .header("20310101")
                .contribution(alice, "203012", "110", 800_000, 128_000, 64_000) // line 2
                .contribution(alice, "203012", "310", 800_000, 48_000, 16_000) // line 3
                .contribution(badId, "203012", "110", 800_000, 128_000, 64_000) // line 4: check digit
                .contribution(bob, "203013", "110", 800_000, 128_000, 64_000) // line 5: month 13
                .contribution(bob, "203011", "999", 800_000, 128_000, 64_000) // line 6: no such insurance
                .movement(alice, "20301215", "I", 16_000, 116_000, "个人账户划入") // line 7
                .movement(alice, "20301220", "O", 3_500, 112_500, "门诊药费") // line 8
                .movement(bob, "20301220", "X", 3_500, 112_500, "门诊药费") // line 9: direction
                .raw("C" + "x".repeat(50)) // line 10: short line
                .contribution(alice, "203012", "110", 1, 1, 1) // line 11: the same month and type again
                .trailer()
                .bytes();

        ExchangeFileImporter.Result r = importer.importFile("ss-20310101.txt", file, "test");

        assertThat(r.importedBefore()).isFalse();
        assertThat(r.detailLines()).isEqualTo(10);
        assertThat(r.contributions()).isEqualTo(2);
        assertThat(r.movements()).isEqualTo(2);
        assertThat(r.errors()).extracting(ExchangeFileImporter.RowError::line).containsExactly(4, 5, 6, 9, 10, 11);
        assertThat(r.errors().get(0).field()).contains("line 4", "citizen_id");
        assertThat(r.errors().get(2).rule()).contains("insurance-type");
        assertThat(r.errors().get(3).rule()).contains("I (in) or O (out)");
        assertThat(r.errors().get(5).rule()).contains("line 2 already");

        SocialSecurityService.Summary s = service.summary(alice, null);
        assertThat(s.contributions())
                .extracting(SocialSecurityService.ContributionView::insuranceType)
                .containsExactly("110", "310");
        assertThat(s.contributions().get(0).insurance()).contains("基本养老保险", "Basic pension insurance");
        assertThat(s.medicalAccount().balance()).isEqualTo(112_500);
        assertThat(s.medicalAccount().movements()).hasSize(2);
        assertThat(s.citizen()).doesNotContain(alice.substring(6, 14));
    }

    @Test
    void theSameFileAgain_changesNothing_andALaterFileCorrectsAMonth() {
        String carol = ExchangeFiles.citizen(sequence(TestData.unique()));
        byte[] file = new ExchangeFiles()
                .header("20310201")
                .contribution(carol, "203101", "110", 500_000, 80_000, 40_000)
                .movement(carol, "20310110", "I", 10_000, 10_000, "划入")
                .trailer()
                .bytes();
        importer.importFile("a.txt", file, "test");
        long movements =
                jdbc.queryForObject("SELECT COUNT(*) FROM ss_medical_movement WHERE citizen_id = ?", Long.class, carol);

        ExchangeFileImporter.Result again = importer.importFile("a-copy.txt", file, "test");

        assertThat(again.importedBefore()).isTrue();
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM ss_medical_movement WHERE citizen_id = ?", Long.class, carol))
                .isEqualTo(movements);

        importer.importFile(
                "b.txt",
                new ExchangeFiles()
                        .header("20310202")
                        .contribution(carol, "203101", "110", 500_000, 80_000, 41_000)
                        .trailer()
                        .bytes(),
                "test");
        assertThat(service.contributions(carol)).singleElement().satisfies(c -> assertThat(c.personalAmount())
                .isEqualTo(41_000));
    }

    @Test
    void aBrokenFrame_isRefusedWhole_andNothingIsImported() {
        String dave = ExchangeFiles.citizen(sequence(TestData.unique()));
        byte[] cutShort = new ExchangeFiles()
                .header("20310301")
                .contribution(dave, "203102", "110", 1, 1, 1)
                .bytes();
        byte[] wrongCount = new ExchangeFiles()
                .header("20310301")
                .contribution(dave, "203102", "110", 1, 1, 1)
                .trailer(5)
                .bytes();
        byte[] noHeader = new ExchangeFiles()
                .contribution(dave, "203102", "110", 1, 1, 1)
                .trailer()
                .bytes();

        assertThatThrownBy(() -> importer.importFile("x.txt", cutShort, "test"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("trailer");
        assertThatThrownBy(() -> importer.importFile("y.txt", wrongCount, "test"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("line_count");
        assertThatThrownBy(() -> importer.importFile("z.txt", noHeader, "test"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("header");
        assertThat(service.contributions(dave)).isEmpty();
    }
}
