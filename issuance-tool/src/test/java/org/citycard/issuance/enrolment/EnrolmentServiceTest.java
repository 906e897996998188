package org.citycard.issuance.enrolment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.citycard.issuance.audit.AuditAction;
import org.citycard.issuance.staff.AccessDeniedException;
import org.citycard.issuance.support.Fixture;
import org.citycard.issuance.support.People;
import org.citycard.issuance.workflow.CardState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrolmentServiceTest {
    @TempDir
    Path dir;

    Fixture f;

    @BeforeEach
    void open() {
        f = new Fixture(dir.resolve("data"));
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void enrol_storesTheCitizenAndOpensAnApplication() {
        String id = People.id(1);
        long app = f.tool.enrolment().enrol(f.clerk, People.applicant(dir, id, "张三"));
        var status = f.tool.status().lookup(id);
        assertThat(status).singleElement().satisfies(s -> {
            assertThat(s.card().id()).isEqualTo(app);
            assertThat(s.card().state()).isEqualTo(CardState.APPLIED);
            assertThat(s.holderName()).isEqualTo("张三");
        });
        Citizen c = f.tool.enrolment().citizen(id).orElseThrow();
        assertThat(c.birthplace()).isEqualTo("310101"); // the ID's region when none is given
        assertThat(f.tool.audit().list(null, id, 10))
                .extracting(e -> e.action())
                .contains(AuditAction.ENROL);
    }

    @Test
    void enrol_withBadFields_isRefusedAndAuditedWithoutValues() {
        String id = People.id(2);
        var a = People.applicant(dir, id, "张三");
        var bad = new Applicant(
                id,
                a.name(),
                a.sex().equals("1") ? "2" : "1",
                "99",
                a.birthDate(),
                null,
                null,
                null,
                null,
                null,
                null,
                a.photo());
        assertThatThrownBy(() -> f.tool.enrolment().enrol(f.clerk, bad))
                .isInstanceOf(EnrolmentRefusedException.class)
                .satisfies(e -> assertThat(((EnrolmentRefusedException) e).errors())
                        .extracting(FieldError::field)
                        .containsExactly("sex", "ethnicity"));
        var refused = f.tool.audit().list(null, id, 10).get(0);
        assertThat(refused.action()).isEqualTo(AuditAction.ENROL_REFUSED);
        assertThat(refused.detail()).isEqualTo("fields: [sex, ethnicity]");
        assertThat(f.tool.status().lookup(id)).isEmpty();
    }

    @Test
    void enrol_needsTheClerkRole() {
        assertThatThrownBy(() -> f.tool.enrolment().enrol(f.operator, People.applicant(dir, People.id(3), "张三")))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void csv_keepsGoodRows_andReportsEachBadRowByLineAndField() throws Exception {
        Path photos = dir.resolve("photos");
        People.photoFile(photos, "a.jpg", People.jpeg(11));
        People.photoFile(photos, "b.png", People.png(12));
        String ok1 = People.id(10);
        String ok2 = People.id(11);
        String badCheck = People.id(12).substring(0, 17) + (People.id(12).endsWith("0") ? "1" : "0");
        String okButWrongSex = People.id(13);
        String csv = String.join(
                "\n",
                "citizen_id,name,sex,ethnicity,birth_date,photo,phone",
                ok1 + ",李雷," + People.sex(ok1) + ",01," + People.birth(ok1) + ",photos/a.jpg,13800138000",
                badCheck + ",韩梅梅,2,01," + People.birth(ok1) + ",photos/a.jpg,",
                "",
                okButWrongSex + ",\"王, 五\"," + (People.sex(okButWrongSex).equals("1") ? "2" : "1") + ",58,"
                        + People.birth(okButWrongSex) + ",photos/missing.jpg,12",
                ok2 + ",赵六," + People.sex(ok2) + ",03," + People.birth(ok2) + ",photos/b.png,");
        Path file = Files.writeString(dir.resolve("batch.csv"), csv, StandardCharsets.UTF_8);
        CsvEnrolment.Report r = f.tool.csvEnrolment().run(f.clerk, file, StandardCharsets.UTF_8);
        assertThat(r.accepted()).extracting(CsvEnrolment.Row::line).containsExactly(2, 6);
        assertThat(r.rejected()).extracting(CsvEnrolment.Row::line).containsExactly(3, 5);
        assertThat(r.rejected().get(0).errors()).extracting(FieldError::field).containsExactly("citizen_id");
        assertThat(r.rejected().get(1).errors())
                .extracting(FieldError::field)
                .containsExactly("sex", "ethnicity", "phone", "photo");
        assertThat(f.tool.status().lookup(ok1)).hasSize(1);
        assertThat(f.tool.status().lookup(ok2)).hasSize(1);
    }

    @Test
    void csv_inGb18030_isReadWhenAskedFor() throws Exception {
        People.photoFile(dir, "a.jpg", People.jpeg(21));
        String id = People.id(20);
        String csv = "citizen_id,name,sex,ethnicity,birth_date,photo\n" + id + ",欧阳修," + People.sex(id) + ",01,"
                + People.birth(id) + ",a.jpg\n";
        Path file = Files.write(dir.resolve("gb.csv"), csv.getBytes(Charset.forName("GB18030")));
        CsvEnrolment.Report r = f.tool.csvEnrolment().run(f.clerk, file, Charset.forName("GB18030"));
        assertThat(r.accepted()).hasSize(1);
        assertThat(f.tool.enrolment().citizen(id).orElseThrow().name()).isEqualTo("欧阳修");
    }

    @Test
    void csv_withMissingOrUnknownColumns_isRefusedWhole() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.csv"), "citizen_id,name,colour\n1,2,3\n");
        assertThatThrownBy(() -> f.tool.csvEnrolment().run(f.clerk, file, StandardCharsets.UTF_8))
                .hasMessageContaining("line 1")
                .hasMessageContaining("missing columns [sex, ethnicity, birth_date, photo]")
                .hasMessageContaining("unknown columns [colour]");
        assertThat(f.tool.status().lookup("1")).isEmpty();
    }
}
