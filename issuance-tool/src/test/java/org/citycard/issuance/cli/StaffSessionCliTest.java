package org.citycard.issuance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: the CLI's session file is its OS user's alone. A token in a file others may read is refused; logout ends
 * the session in the database, not only the file.
 */
class StaffSessionCliTest {
    @TempDir
    Path dir;

    CliRunner cli;

    @BeforeEach
    void staff() {
        cli = new CliRunner(dir.resolve("data"));
        cli.env.put(IssueCli.ENV_PASSWORD, "password of sup");
        cli.ok("staff", "init", "--user", "sup", "--name", "Supervisor");
        cli.login("sup");
    }

    private Path sessionFile() throws Exception {
        try (Stream<Path> files = Files.walk(cli.data)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().startsWith("session"))
                    .findFirst()
                    .orElseThrow();
        }
    }

    @Test
    void theSessionFile_isTheUsersAlone() throws Exception {
        Path file = sessionFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(cli.ok("whoami")).contains("sup");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        CliRunner.Result r = cli.run("whoami");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("session file").contains("rw-r--r--");
    }

    @Test
    void aTokenKeptAfterLogout_isRefused() throws Exception {
        Path file = sessionFile();
        String token = Files.readString(file);
        cli.ok("logout");
        Files.writeString(file, token); // put back by hand, as a copy kept from before
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        CliRunner.Result r = cli.run("whoami");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("not logged in");
    }
}
