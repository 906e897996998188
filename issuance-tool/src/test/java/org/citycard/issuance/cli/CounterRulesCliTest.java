package org.citycard.issuance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.citycard.dictionary.cli.CallerDirectory;
import org.citycard.issuance.support.People;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's rules at the counter (issue 19): sex and birth date come from the ID number, enrolment is
 * idempotent per ID, a CSV with refused rows fails, an application is corrected before it is verified, the review
 * list names the applicant and a supervisor may see it, {@code status} names the rule a mistyped ID breaks, and paths
 * are the user's.
 */
class CounterRulesCliTest {
    @TempDir
    Path dir;

    CliRunner cli;

    @BeforeEach
    void staff() {
        cli = new CliRunner(dir.resolve("data"));
        cli.env.put(IssueCli.ENV_PASSWORD, "password of sup");
        cli.ok("staff", "init", "--user", "sup", "--name", "Supervisor");
        cli.login("sup");
        for (String[] a : new String[][] {{"clerk", "clerk"}, {"rev", "reviewer"}}) {
            cli.env.put(IssueCli.ENV_PASSWORD, "password of " + a[0]);
            cli.ok("staff", "add", "--user", a[0], "--role", a[1]);
        }
        cli.login("clerk");
    }

    private String enrol(String id, String name, String... more) {
        Path photo = People.photoFile(dir, id + ".jpg", People.jpeg(id.hashCode()));
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                "enrol", "--id", id, "--name", name, "--ethnicity", "01", "--photo", photo.toString()));
        args.addAll(java.util.List.of(more));
        return cli.ok(args.toArray(String[]::new));
    }

    @Test
    void sexAndBirthDate_areTakenFromTheId_andAWrongOneIsNamed() {
        String id = People.id(1);
        assertThat(enrol(id, "李雷")).contains("application 1000001 enrolled");
        assertThat(cli.ok("status", id)).contains("李雷");
        String other = People.id(2);
        Path photo = People.photoFile(dir, "o.jpg", People.jpeg(2));
        CliRunner.Result r = cli.run(
                "enrol",
                "--id",
                other,
                "--name",
                "韩梅梅",
                "--ethnicity",
                "01",
                "--birth-date",
                "19700101",
                "--photo",
                photo.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err())
                .contains(
                        "birth_date '19700101': does not agree with the ID number, which gives " + People.birth(other))
                .contains("leave it out");
        assertThat(cli.run("status", other).err()).contains("has no card or application");
        assertThat(cli.ok("enrol", "--help"))
                .contains("default: from the ID number")
                .contains("required");
    }

    @Test
    void aSecondEnrolmentOfTheSameId_isRefusedWithTheExistingApplication() {
        String id = People.id(3);
        enrol(id, "李雷");
        Path photo = People.photoFile(dir, "again.jpg", People.jpeg(99));
        CliRunner.Result r =
                cli.run("enrol", "--id", id, "--name", "李雷", "--ethnicity", "01", "--photo", photo.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("already enrolled as application 1000001").contains("issue edit 1000001");
        assertThat(cli.ok("status", id)).containsOnlyOnce("application 1000001");
    }

    @Test
    void aCsvWithRefusedRows_exitsNonZero_andRunAgainAfterTheFix_enrolsNobodyTwice() throws Exception {
        String a = People.id(4);
        String b = People.id(5);
        People.photoFile(dir, "a.jpg", People.jpeg(4));
        People.photoFile(dir, "b.jpg", People.jpeg(5));
        Path csv = dir.resolve("people.csv");
        Files.writeString(csv, "citizen_id,name,ethnicity,photo\n" + a + ",李雷,01,a.jpg\n" + b + ",韩梅梅,9,b.jpg\n");
        CliRunner.Result first = cli.run("enrol", "--csv", csv.toString());
        assertThat(first.exit()).isEqualTo(1);
        assertThat(first.out())
                .contains("line 3 field ethnicity '9'")
                .contains("1 enrolled, 1 rows refused (of 2); fix the refused rows and run the file again");
        Files.writeString(csv, "citizen_id,name,ethnicity,photo\n" + a + ",李雷,01,a.jpg\n" + b + ",韩梅梅,01,b.jpg\n");
        CliRunner.Result second = cli.run("enrol", "--csv", csv.toString());
        assertThat(second.exit()).isZero();
        assertThat(second.out())
                .contains("line 2 " + org.citycard.dictionary.validate.CitizenId.mask(a)
                        + ": already enrolled as application 1000001, skipped")
                .contains("1 enrolled, 0 rows refused, 1 already enrolled (of 2)");
        assertThat(cli.ok("status", a)).containsOnlyOnce("application ");
    }

    @Test
    void edit_correctsTheApplicationBeforeItIsVerified_audited_andTheReviewListNamesTheApplicant() throws Exception {
        String id = People.id(6);
        enrol(id, "李雷");
        cli.login("rev");
        Path registry = dir.resolve("registry.txt");
        Files.write(registry, (People.registryLine(id, "李蕾") + "\n").getBytes(Charset.forName("GB18030")));
        cli.ok("registry", "import", registry.toString());
        assertThat(cli.ok("compare")).contains("NAME_MISMATCH");
        String list = cli.ok("review", "list");
        assertThat(list)
                .contains("application 1000001  李雷  " + id)
                .contains("registry: 李蕾")
                .contains("enrolled by clerk")
                .contains("1 waiting");
        cli.login("sup");
        assertThat(cli.ok("review", "list")).as("a supervisor may list").contains("1 waiting");
        cli.login("rev");
        assertThat(cli.run("edit", "1000001", "--name", "李蕾").err())
                .as("a reviewer does not enrol")
                .contains("may not enrol");

        cli.login("clerk");
        assertThat(cli.run("edit", "1000001").err()).contains("nothing to correct");
        assertThat(cli.ok("edit", "1000001", "--name", "李蕾"))
                .contains("application 1000001 corrected: [name]")
                .contains("issue compare 1000001");
        assertThat(cli.ok("compare", "1000001")).contains("1000001: passed");
        CliRunner.Result late = cli.run("edit", "1000001", "--name", "李雷");
        assertThat(late.exit()).isEqualTo(1);
        assertThat(late.err()).contains("is 20 已比对 Verified; only an application in state 10");
        cli.login("sup");
        assertThat(cli.ok("audit", "list", "--limit", "50"))
                .contains("ENROL_EDIT")
                .contains("corrected before verification: fields [name]");
    }

    @Test
    void status_ofAMistypedId_namesTheRule() {
        String id = People.id(7);
        char wrong = id.charAt(17) == '0' ? '1' : '0';
        CliRunner.Result r = cli.run("status", id.substring(0, 17) + wrong);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("GB 11643 check character: expected " + id.charAt(17) + ", found " + wrong);
        assertThat(cli.run("status", "hello").err()).contains("is not a citizen ID number (18 characters");
    }

    @Test
    void relativePaths_areTheCallersDirectory() throws Exception {
        Path home = Files.createDirectories(dir.resolve("clerk-home"));
        String id = People.id(8);
        People.photoFile(home, "me.jpg", People.jpeg(8));
        Files.writeString(home.resolve("people.csv"), "citizen_id,name,ethnicity,photo\n" + id + ",李雷,01,me.jpg\n");
        String old = System.getProperty(CallerDirectory.PROPERTY);
        System.setProperty(CallerDirectory.PROPERTY, home.toString());
        try {
            assertThat(cli.ok("enrol", "--csv", "people.csv")).contains("1 enrolled, 0 rows refused (of 1)");
            String id2 = People.id(9);
            assertThat(cli.ok("enrol", "--id", id2, "--name", "韩梅梅", "--ethnicity", "01", "--photo", "me.jpg"))
                    .as("an option's path as well")
                    .contains("enrolled");
            CliRunner.Result missing = cli.run("enrol", "--csv", "nobody.csv");
            assertThat(missing.err()).contains(home.resolve("nobody.csv").toString());
        } finally {
            if (old == null) {
                System.clearProperty(CallerDirectory.PROPERTY);
            } else {
                System.setProperty(CallerDirectory.PROPERTY, old);
            }
        }
    }
}
