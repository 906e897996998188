package org.citycard.issuance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code issue db change-boot-password}: a supervisor changes the database's boot password, both passwords read from
 * the environment or standard input (never arguments); then the old one no longer opens the database, the new one
 * does, and the audit chain still verifies. Neither password is in any output or log.
 */
class ChangeBootPasswordCliTest {
    static final String OLD = "cli test boot password"; // CliRunner's
    static final String NEW = "the centre's new boot password";

    @TempDir
    Path dir;

    @Test
    void aSupervisor_changesTheBootPassword_typedTwice_thenOnlyTheNewOneOpens() throws Exception {
        CliRunner cli = new CliRunner(dir.resolve("data"));
        cli.env.put(IssueCli.ENV_PASSWORD, "password of sup");
        cli.ok("staff", "init", "--user", "sup", "--name", "Supervisor");
        cli.login("sup");

        CliRunner.Result differ = cli.runWithInput(NEW + "\n" + NEW + "x\n", "db", "change-boot-password");
        assertThat(differ.exit()).isEqualTo(1);
        assertThat(differ.err()).contains("differ").contains("nothing was changed");
        assertThat(cli.ok("whoami")).contains("sup");

        String out = cli.okWithInput(NEW + "\n" + NEW + "\n", "db", "change-boot-password");
        assertThat(out).contains("boot password of the issuance database").contains("changed");

        CliRunner.Result old = cli.run("whoami");
        assertThat(old.exit()).isEqualTo(1);
        assertThat(old.err()).contains("boot password").contains("wrong");

        cli.env.put(IssueCli.ENV_DB_PASSWORD, NEW);
        assertThat(cli.ok("whoami")).contains("sup");
        assertThat(cli.ok("audit", "verify", "--local")).contains("is intact");
        assertThat(cli.ok("audit", "list")).contains("BOOT_PASSWORD_CHANGE");

        for (String line : cli.transcript) {
            // the transcript holds every output; what was typed is standard input, never echoed
            assertThat(line).doesNotContain(OLD).doesNotContain(NEW);
        }
        for (String log : new String[] {"derby.log", "audit.log"}) {
            Path f = dir.resolve("data").resolve(log);
            if (Files.exists(f)) {
                assertThat(Files.readString(f)).as(log).doesNotContain(OLD).doesNotContain(NEW);
            }
        }
    }

    @Test
    void fromTheEnvironment_andOnlyForASupervisor() {
        CliRunner cli = new CliRunner(dir.resolve("data"));
        cli.env.put(IssueCli.ENV_PASSWORD, "password of sup");
        cli.ok("staff", "init", "--user", "sup", "--name", "Supervisor");
        cli.login("sup");
        cli.env.put(IssueCli.ENV_PASSWORD, "password of clerk");
        cli.ok("staff", "add", "--user", "clerk", "--role", "clerk");
        cli.login("clerk");
        cli.env.put(IssueCli.ENV_DB_NEW_PASSWORD, NEW);

        CliRunner.Result clerk = cli.run("db", "change-boot-password");
        assertThat(clerk.exit()).isEqualTo(1);
        assertThat(clerk.err()).contains("clerk may not change the issuance database's boot password");
        assertThat(cli.ok("whoami")).contains("clerk"); // still the old boot password

        cli.login("sup");
        cli.ok("db", "change-boot-password");
        cli.env.put(IssueCli.ENV_DB_PASSWORD, NEW);
        assertThat(cli.ok("whoami")).contains("sup");
    }
}
