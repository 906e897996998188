package org.citycard.clearing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The server's command line speaks the shared vocabulary; the old names still work, each with one warning. */
class ServerCliTest {
    private static String out(String... args) {
        CommandLine cl = ServerCli.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        assertThat(cl.execute(args)).isZero();
        return out.toString();
    }

    @Test
    void versionAndDefaults_onEveryCommand() {
        assertThat(out("--version")).containsPattern("server \\(CityCard\\) \\d+\\.\\d+\\.\\d+");
        assertThat(out("run", "--version")).containsPattern("\\(CityCard\\) \\d+\\.\\d+\\.\\d+");
        assertThat(out("close-day", "--version")).containsPattern("\\(CityCard\\) \\d+\\.\\d+\\.\\d+");
        assertThat(out("--help")).contains("--data-dir", "--port", "--key-set", "Default: 8080", "Default: ./data");
        assertThat(out("close-day", "--help"))
                .contains("--server-url", "--data-dir")
                .doesNotContain("--url");
    }

    @Test
    void terminalKeys_takeAnAlgorithm_andRefuseAnUnknownOneByName(@org.junit.jupiter.api.io.TempDir Path dir) {
        assertThat(out("terminal-keys", "--help")).contains("--alg", "3des", "sm4");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cl = ServerCli.commandLine();
        cl.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.setOut(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
        Path store = dir.resolve("t.bcfks");
        int rc = cl.execute(
                "terminal-keys",
                "--data-dir",
                dir.toString(),
                "--terminal",
                "100000000001",
                "--out",
                store.toString(),
                "--alg",
                "aes");
        assertThat(rc).isNotZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--alg 'aes'", "3des", "sm4");
        assertThat(store).doesNotExist();
        assertThat(dir.resolve("clearing-db")).doesNotExist();
    }

    /** Issue 22: the key versions of the server's key set, and a retirement, on the data directory. */
    @Test
    void keyVersion_listsTheVersions_retiresOne_andRefusesAnUnknownOne(@org.junit.jupiter.api.io.TempDir Path dir) {
        String[] common = {"--data-dir", dir.toString(), "--key-set", "demo"};
        assertThat(out(concat(new String[] {"key-version", "list"}, common)))
                .contains("key version 01  ACTIVE", "key version 02  ACTIVE");
        assertThat(out(concat(new String[] {"key-version", "retire", "1", "--reason", "test rotation"}, common)))
                .contains("key version 01  RETIRED", "by cli:", "(test rotation)", "K1", "QK");
        assertThat(out(concat(new String[] {"key-version", "list"}, common)))
                .contains("key version 01  RETIRED", "key version 02  ACTIVE");

        CommandLine cl = ServerCli.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        assertThat(cl.execute(concat(new String[] {"key-version", "retire", "7"}, common)))
                .isEqualTo(1);
        assertThat(err.toString()).contains("nothing changed", "keyVersion", "7");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void offlineLimits_listsItsOptions_andRefusesDefaultWithAValue_beforeOpeningTheData(
            @org.junit.jupiter.api.io.TempDir Path dir) {
        assertThat(out("offline-limits", "--help")).contains("--terminal", "--per-purchase", "--per-day", "--default");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cl = ServerCli.commandLine();
        cl.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.setOut(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
        int rc = cl.execute(
                "offline-limits",
                "--data-dir",
                dir.toString(),
                "--terminal",
                "100000000001",
                "--default",
                "--per-purchase",
                "500");
        assertThat(rc).isNotZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--default", "--per-purchase");
        assertThat(dir.resolve("clearing-db")).doesNotExist();
    }

    @Test
    void withoutAKeySet_theServerRefusesToStart_namingBothWays(@org.junit.jupiter.api.io.TempDir Path dir) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cl = ServerCli.commandLine();
        cl.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
        int rc = cl.execute("--data-dir", dir.toString(), "--port", "0", "--iso-port", "0");
        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(rc).isNotZero();
        assertThat(text).contains("no key set given", "--key-set FILE", "--key-set demo", "./citycard demo");
        assertThat(dir.resolve("clearing-db")).doesNotExist();
    }

    @Test
    void aDataDirectoryTheDemoMade_usesTheDemoKeys_andAGivenKeySetWins(@org.junit.jupiter.api.io.TempDir Path dir) {
        assertThat(org.citycard.dictionary.crypto.KeySetChoice.resolve(null, dir))
                .isNull();
        org.citycard.dictionary.crypto.KeySetChoice.markDemo(dir);
        assertThat(org.citycard.dictionary.crypto.KeySetChoice.resolve(null, dir))
                .isEqualTo("demo");
        assertThat(org.citycard.dictionary.crypto.KeySetChoice.resolve("/etc/k.bcfks", dir))
                .isEqualTo("/etc/k.bcfks");
    }

    @Test
    void tls_needsAnExistingKeyStore_andItsPasswordInTheEnvironment(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> ServerOptions.tlsProperties(dir.resolve("none.p12"), true))
                .hasMessageContaining("--tls")
                .hasMessageContaining("no such key store");
        Path store = java.nio.file.Files.writeString(dir.resolve("server.p12"), "x");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServerOptions.tlsProperties(store, false))
                .hasMessageContaining("$CITYCARD_TLS_PASSWORD");
        assertThat(ServerOptions.tlsProperties(store, true))
                .containsEntry("server.ssl.bundle", "citycard-tls")
                .containsEntry("citycard.iso.ssl-bundle", "citycard-tls")
                .containsEntry("spring.ssl.bundle.jks.citycard-tls.keystore.password", "${CITYCARD_TLS_PASSWORD}");
    }

    @Test
    void oldNames_setTheSameOptions_withOneDeprecationLineEach() {
        ServerCli cli = new ServerCli();
        PrintStream before = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            new CommandLine(cli).parseArgs("--http-port", "9090", "--keys", "/etc/k.bcfks", "--data-dir", "/tmp/d");
        } finally {
            System.setErr(before);
        }
        assertThat(cli.options.httpPort).isEqualTo(9090);
        assertThat(cli.options.keys).isEqualTo("/etc/k.bcfks");
        assertThat(cli.options.dataDir).isEqualTo(Path.of("/tmp/d"));
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList())
                .containsExactly(
                        "warning: --http-port is deprecated and will go away: use --port",
                        "warning: --keys is deprecated and will go away: use --key-set");
    }
}
