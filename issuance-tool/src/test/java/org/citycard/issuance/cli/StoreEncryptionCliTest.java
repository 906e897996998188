package org.citycard.issuance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15: the CLI opens the encrypted database only with its boot password, and says so when it has none. */
class StoreEncryptionCliTest {
    static final String ENV_DB = "CITYCARD_ISSUANCE_DB_PASSWORD";

    @TempDir
    Path dir;

    @Test
    void withoutTheBootPassword_theDatabaseDoesNotOpen() {
        CliRunner cli = new CliRunner(dir.resolve("data"));
        cli.env.put(ENV_DB, "boot password of the test centre");
        cli.env.put(IssueCli.ENV_PASSWORD, "password of sup");
        cli.ok("staff", "init", "--user", "sup", "--name", "Supervisor");

        cli.env.remove(ENV_DB);
        CliRunner.Result none = cli.run("login", "--user", "sup");
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).contains("boot password").contains(ENV_DB);

        cli.env.put(ENV_DB, "not the boot password");
        CliRunner.Result wrong = cli.run("login", "--user", "sup");
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.err()).contains("boot password").doesNotContain("not the boot password");
    }
}
