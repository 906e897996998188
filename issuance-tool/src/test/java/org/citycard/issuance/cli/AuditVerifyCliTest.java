package org.citycard.issuance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.citycard.issuance.support.ClearingStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15: {@code issue audit verify} checks the keyed chain and that the head the clearing server holds is in it. */
class AuditVerifyCliTest {
    @TempDir
    Path dir;

    @Test
    void verify_comparesWithTheServersHead_andFindsAHeadThatIsNotInTheLog() throws Exception {
        try (ClearingStub server = new ClearingStub()) {
            CliRunner cli = new CliRunner(dir.resolve("data"));
            cli.env.put(IssueCli.ENV_PASSWORD, "password of sup");
            cli.ok("staff", "init", "--user", "sup", "--name", "Supervisor");
            cli.login("sup");
            assertThat(cli.ok("audit", "verify"))
                    .contains("is intact (HMAC-SHA256)")
                    .contains("no clearing server");

            cli.env.put(IssueCli.ENV_SERVER, server.url().toString());
            cli.env.put(IssueCli.ENV_SERVER_USER, ClearingStub.USER);
            cli.env.put(IssueCli.ENV_SERVER_PASSWORD, ClearingStub.PASSWORD);
            assertThat(cli.ok("audit", "verify")).contains("holds no head of this card centre yet");
            assertThat(server.auditHead).as("reported on the way").isNotNull();
            assertThat(cli.ok("audit", "verify")).contains("matches the head the clearing server holds");

            server.auditHead.put("mac", "ab".repeat(32)); // the server was told another history
            CliRunner.Result r = cli.run("audit", "verify");
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).contains("tampered").contains("does not have the MAC the clearing server was told");
            assertThat(cli.ok("audit", "verify", "--local")).contains("is intact");
        }
    }
}
