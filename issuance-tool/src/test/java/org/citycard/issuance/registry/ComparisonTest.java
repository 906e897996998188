package org.citycard.issuance.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.citycard.issuance.enrolment.Applicant;
import org.citycard.issuance.support.Fixture;
import org.citycard.issuance.support.People;
import org.citycard.issuance.workflow.CardState;
import org.citycard.issuance.workflow.StatusService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonTest {
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

    private void registry(String... lines) throws Exception {
        Path file = dir.resolve("registry-" + System.nanoTime() + ".txt");
        Files.write(file, (String.join("\n", lines) + "\n").getBytes(Charset.forName("GB18030")));
        f.tool.registry().importFile(f.reviewer, file);
    }

    private long reapply(String id) {
        return f.tool.db().inTransaction(c -> f.tool.enrolment().reapply(c, f.clerk, id, "1", null, null, "test"));
    }

    private long enrol(String id, String name) {
        return f.tool.enrolment().enrol(f.clerk, People.applicant(dir, id, name));
    }

    private CardState state(long app) {
        return f.tool.status().lookup(Long.toString(app)).get(0).card().state();
    }

    private List<Finding.Kind> kinds(ComparisonService.Result r) {
        return r.findings().stream().map(Finding::kind).toList();
    }

    @Test
    void import_keepsGoodLines_andReportsBadOnesByLineAndField() throws Exception {
        String a = People.id(1);
        String b = People.id(2);
        String bad = People.registryLine(People.id(3), "王五")
                .replace("P" + People.id(3), "P" + People.id(3).substring(0, 17) + "Z");
        Path file = dir.resolve("reg.txt");
        Files.write(
                file,
                (People.registryLine(a, "张三") + "\n" + bad + "\n" + People.registryLine(b, "李四") + "\nshort\n")
                        .getBytes(Charset.forName("GB18030")));
        RegistryImport.Report r = f.tool.registry().importFile(f.reviewer, file);
        assertThat(r.linesRead()).isEqualTo(4);
        assertThat(r.imported()).isEqualTo(2);
        assertThat(r.errors()).hasSize(2);
        assertThat(r.errors().get(0)).contains("line 2").contains("citizen_id");
        assertThat(r.errors().get(1)).contains("line 4").contains("71 bytes");
        assertThat(f.tool.registry().size()).isEqualTo(2);
    }

    @Test
    void applicantMatchingTheRegistry_passesAndIsVerified() throws Exception {
        String id = People.id(5);
        registry(People.registryLine(id, "张三"));
        long app = enrol(id, "张三");
        ComparisonService.Result r = f.tool.comparison().compare(f.clerk, app);
        assertThat(r.passed()).isTrue();
        assertThat(state(app)).isEqualTo(CardState.VERIFIED);
    }

    @Test
    void idNotInRegistry_isBlocking() throws Exception {
        registry(People.registryLine(People.id(6), "张三"));
        long app = enrol(People.id(7), "张三");
        ComparisonService.Result r = f.tool.comparison().compare(f.clerk, app);
        assertThat(kinds(r)).containsExactly(Finding.Kind.NOT_IN_REGISTRY);
        assertThat(r.hasBlocking()).isTrue();
        assertThat(state(app)).isEqualTo(CardState.APPLIED);
    }

    @Test
    void deregisteredPerson_isBlocking() throws Exception {
        String id = People.id(8);
        registry(People.registryLine(id, "张三", People.sex(id), People.birth(id), "2"));
        assertThat(kinds(f.tool.comparison().compare(f.clerk, enrol(id, "张三"))))
                .containsExactly(Finding.Kind.DEREGISTERED);
    }

    @Test
    void nameBirthDateAndSexMismatches_areEachFound() throws Exception {
        String id = People.id(9);
        String otherSex = People.sex(id).equals("1") ? "2" : "1";
        registry(People.registryLine(id, "张四", otherSex, "19000101", "1"));
        assertThat(kinds(f.tool.comparison().compare(f.clerk, enrol(id, "张三"))))
                .containsExactly(
                        Finding.Kind.NAME_MISMATCH, Finding.Kind.BIRTH_DATE_MISMATCH, Finding.Kind.SEX_MISMATCH);
    }

    @Test
    void secondApplication_whileFirstIsInUse_isBlockedOneCardPerPerson() throws Exception {
        String id = People.id(10);
        registry(People.registryLine(id, "张三"));
        long first = enrol(id, "张三");
        assertThat(f.tool.comparison().compare(f.clerk, first).passed()).isTrue();
        assertThatThrownBy(() -> enrol(id, "张三"))
                .as("enrolment itself refuses the person a second time")
                .isInstanceOf(org.citycard.issuance.enrolment.AlreadyEnrolledException.class)
                .hasMessageContaining("application " + first);
        long second = reapply(id); // an application with the data on file does reach the comparison
        ComparisonService.Result r = f.tool.comparison().compare(f.clerk, second);
        assertThat(kinds(r)).containsExactly(Finding.Kind.ACTIVE_CARD_EXISTS);
        assertThatThrownBy(() -> f.tool.review().approve(f.reviewer, second, "looks fine"))
                .hasMessageContaining("blocking findings [ACTIVE_CARD_EXISTS]");
        f.tool.review().reject(f.reviewer, second, "already has a card in production");
        assertThat(state(second)).isEqualTo(CardState.REJECTED);
    }

    @Test
    void twoOpenApplications_ofOnePerson_areFlaggedAsDuplicates() throws Exception {
        String id = People.id(11);
        registry(People.registryLine(id, "张三"));
        long first = enrol(id, "张三");
        long second = reapply(id);
        assertThat(kinds(f.tool.comparison().compare(f.clerk, first)))
                .containsExactly(Finding.Kind.DUPLICATE_APPLICATION);
        assertThat(kinds(f.tool.comparison().compare(f.clerk, second)))
                .containsExactly(Finding.Kind.DUPLICATE_APPLICATION);
        f.tool.review().reject(f.reviewer, second, "duplicate of " + first);
        f.tool.review().approve(f.reviewer, first, "the other one was a duplicate");
        assertThat(state(first)).isEqualTo(CardState.VERIFIED);
    }

    @Test
    void samePersonUnderAnotherId_andSamePhoto_areFlaggedForReview() throws Exception {
        String id1 = People.id(12);
        String id2 = People.id(
                "310104",
                java.time.LocalDate.parse(People.birth(id1), java.time.format.DateTimeFormatter.BASIC_ISO_DATE),
                77,
                People.sex(id1).equals("1"));
        registry(People.registryLine(id1, "张三"), People.registryLine(id2, "张三"));
        enrol(id1, "张三");
        Applicant a2 = People.applicant(dir, id2, "张三");
        Applicant samePhoto = new Applicant(
                id2,
                "张三",
                a2.sex(),
                "01",
                a2.birthDate(),
                null,
                null,
                null,
                null,
                null,
                null,
                dir.resolve(id1 + ".jpg"));
        long app2 = f.tool.enrolment().enrol(f.clerk, samePhoto);
        ComparisonService.Result r = f.tool.comparison().compare(f.clerk, app2);
        assertThat(kinds(r)).containsExactly(Finding.Kind.SUSPECTED_DUPLICATE_PERSON, Finding.Kind.SAME_PHOTO);
        assertThat(r.hasBlocking()).isFalse();
        assertThat(r.findings().get(0).message())
                .doesNotContain(id1)
                .contains(org.citycard.dictionary.validate.CitizenId.mask(id1));
        assertThat(f.tool.review().pending(f.reviewer))
                .extracting(ComparisonService.Stored::applicationId)
                .contains(app2);
        f.tool.review().approve(f.reviewer, app2, "twins, ID documents checked; photo re-taken later");
        assertThat(state(app2)).isEqualTo(CardState.VERIFIED);
    }

    @Test
    void review_needsAReason_theReviewerRole_andFourEyes() throws Exception {
        String id = People.id(13);
        long app = enrol(id, "张三");
        f.tool.comparison().compare(f.clerk, app);
        assertThatThrownBy(() -> f.tool.review().reject(f.reviewer, app, " ")).hasMessageContaining("reason");
        assertThatThrownBy(() -> f.tool.review().reject(f.clerk, app, "no"))
                .isInstanceOf(org.citycard.issuance.staff.AccessDeniedException.class);
        f.tool.staff()
                .add(
                        f.supervisor,
                        "both",
                        "Both",
                        java.util.Set.of(
                                org.citycard.issuance.staff.Role.ENROLMENT_CLERK,
                                org.citycard.issuance.staff.Role.REVIEWER),
                        Fixture.PASSWORD.clone());
        var both = f.tool.staff().authenticate("both", Fixture.PASSWORD.clone()); // only a signed-in one acts
        String id2 = People.id(14);
        long own = f.tool.enrolment().enrol(both, People.applicant(dir, id2, "李四"));
        f.tool.comparison().compare(both, own);
        assertThatThrownBy(() -> f.tool.review().reject(both, own, "mine")).hasMessageContaining("four eyes");
    }

    @Test
    void comparingAgainAfterARegistryUpdate_clearsTheFinding() throws Exception {
        String id = People.id(15);
        long app = enrol(id, "张三");
        assertThat(f.tool.comparison().compare(f.clerk, app).passed()).isFalse();
        registry(People.registryLine(id, "张三"));
        List<ComparisonService.Result> all = f.tool.comparison().compareAll(f.clerk);
        assertThat(all).singleElement().satisfies(r -> assertThat(r.passed()).isTrue());
        assertThat(state(app)).isEqualTo(CardState.VERIFIED);
        assertThatThrownBy(() -> f.tool.comparison().compare(f.clerk, app))
                .hasMessageContaining("only applications in state 10");
        List<StatusService.CardStatus> s = f.tool.status().lookup(id);
        assertThat(s.get(0).history()).extracting(h -> h.to()).containsExactly(CardState.APPLIED, CardState.VERIFIED);
    }
}
