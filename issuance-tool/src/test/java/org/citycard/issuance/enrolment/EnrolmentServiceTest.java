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
    void enrol_isIdempotentPerId_aDuplicateIsRefusedWithTheExistingApplication() {
        String id = People.id(30);
        long app = f.tool.enrolment().enrol(f.clerk, People.applicant(dir, id, "张三"));
        assertThatThrownBy(() -> f.tool.enrolment().enrol(f.clerk, People.applicant(dir, id, "张三丰")))
                .isInstanceOf(AlreadyEnrolledException.class)
                .hasMessageContaining("already enrolled as application " + app)
                .hasMessageContaining("issue edit " + app)
                .hasMessageNotContaining(id);
        assertThat(f.tool.status().lookup(id)).hasSize(1);
        assertThat(f.tool.enrolment().citizen(id).orElseThrow().name()).isEqualTo("张三");
    }

    @Test
    void enrol_withoutSexAndBirthDate_storesTheIdsOnes() {
        String id = People.id(31);
        var a = People.applicant(dir, id, "张三");
        long app = f.tool.enrolment()
                .enrol(
                        f.clerk,
                        new Applicant(id, "张三", null, "01", null, null, null, null, null, null, null, a.photo()));
        var z = f.tool.enrolment().citizen(id).orElseThrow();
        assertThat(z.sex()).isEqualTo(People.sex(id));
        assertThat(z.birthDate().format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE))
                .isEqualTo(People.birth(id));
        assertThat(app).isPositive();
    }

    @Test
    void edit_correctsAnAppliedApplication_auditedAndVoidingTheComparison() throws Exception {
        String id = People.id(32);
        long app = f.tool.enrolment().enrol(f.clerk, People.applicant(dir, id, "张三"));
        Path reg = Files.write(
                dir.resolve("reg.txt"), (People.registryLine(id, "张四") + "\n").getBytes(Charset.forName("GB18030")));
        f.tool.registry().importFile(f.reviewer, reg);
        assertThat(f.tool.comparison().compare(f.clerk, app).passed()).isFalse();
        assertThatThrownBy(() -> f.tool.enrolment().edit(f.clerk, app, correction("张" + "x".repeat(40), null)))
                .isInstanceOf(EnrolmentRefusedException.class)
                .hasMessageContaining("name");
        assertThat(f.tool.enrolment().edit(f.clerk, app, correction("张四", "02")))
                .containsExactly("name", "ethnicity");
        var z = f.tool.enrolment().citizen(id).orElseThrow();
        assertThat(z.name()).isEqualTo("张四");
        assertThat(z.ethnicity()).isEqualTo("02");
        var last = f.tool.audit().list(null, id, 1).get(0);
        assertThat(last.action()).isEqualTo(AuditAction.ENROL_EDIT);
        assertThat(last.detail())
                .contains("[name, ethnicity]")
                .contains("compare again")
                .doesNotContain("张四");
        // compared again: the name agrees now, the ethnicity does not (a non-blocking finding)
        var again = f.tool.comparison().compare(f.clerk, app);
        assertThat(again.findings())
                .extracting(org.citycard.issuance.registry.Finding::kind)
                .containsExactly(org.citycard.issuance.registry.Finding.Kind.ETHNICITY_MISMATCH);
        f.tool.review().approve(f.reviewer, app, "ethnicity checked on the ID card");
        assertThatThrownBy(() -> f.tool.enrolment().edit(f.clerk, app, correction("张五", null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only an application in state 10");
        assertThat(f.tool.enrolment().citizen(id).orElseThrow().name()).isEqualTo("张四");
    }

    private static EnrolmentService.Correction correction(String name, String ethnicity) {
        return new EnrolmentService.Correction(name, ethnicity, null, null, null, null, null, null, null, null);
    }

    @Test
    void csv_runAgainAfterItsBadRowWasFixed_enrolsNobodyTwice() throws Exception {
        People.photoFile(dir, "a.jpg", People.jpeg(41));
        People.photoFile(dir, "b.jpg", People.jpeg(42));
        String good = People.id(40);
        String fixed = People.id(41);
        String header = "citizen_id,name,ethnicity,photo\n";
        Path file = Files.writeString(
                dir.resolve("again.csv"), header + good + ",李雷,01,a.jpg\n" + fixed + ",韩梅梅,99,b.jpg\n");
        CsvEnrolment.Report first = f.tool.csvEnrolment().run(f.clerk, file, StandardCharsets.UTF_8);
        assertThat(first.accepted()).hasSize(1);
        assertThat(first.rejected()).hasSize(1);
        Files.writeString(file, header + good + ",李雷,01,a.jpg\n" + fixed + ",韩梅梅,01,b.jpg\n");
        CsvEnrolment.Report second = f.tool.csvEnrolment().run(f.clerk, file, StandardCharsets.UTF_8);
        assertThat(second.accepted()).extracting(CsvEnrolment.Row::line).containsExactly(3);
        assertThat(second.alreadyEnrolled()).extracting(CsvEnrolment.Row::line).containsExactly(2);
        assertThat(second.alreadyEnrolled().get(0).existingApplication())
                .isEqualTo(first.accepted().get(0).applicationId());
        assertThat(second.rejected()).isEmpty();
        assertThat(f.tool.status().lookup(good)).hasSize(1);
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
                .hasMessageContaining("missing columns [ethnicity, photo]")
                .hasMessageContaining("unknown columns [colour]");
        assertThat(f.tool.status().lookup("1")).isEmpty();
    }
}
