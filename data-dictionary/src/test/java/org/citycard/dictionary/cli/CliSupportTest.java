package org.citycard.dictionary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliSupportTest {
    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        CommandLine cl = CliSupport.configure(new CommandLine(new DictCli()), "dict");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        PrintStream before = System.err;
        ByteArrayOutputStream sysErr = new ByteArrayOutputStream();
        System.setErr(new PrintStream(sysErr, true, StandardCharsets.UTF_8));
        try {
            int exit = cl.execute(args);
            return new Run(exit, out.toString(), err + sysErr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(before);
        }
    }

    @Test
    void version_isTheMavenProjectVersion_onEveryCommand() {
        assertThat(CliSupport.version()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(run("--version").out()).contains("dict (CityCard) " + CliSupport.version());
        assertThat(run("show", "--version").out()).contains(CliSupport.version());
    }

    @Test
    void help_showsDefaults() {
        assertThat(run("docs", "--help").out()).contains("Default:");
    }

    @Test
    void oldOptionName_stillWorks_withOneDeprecationLine(@TempDir Path empty) {
        Run r = run("validate", "--dir", empty.toString());
        assertThat(r.err()).contains("--dir is deprecated", "--dictionary-dir");
        assertThat(r.err().lines().filter(l -> l.contains("deprecated")).count())
                .isEqualTo(1);
        Run now = run("validate", "--dictionary-dir", empty.toString());
        assertThat(now.err()).doesNotContain("deprecated");
        assertThat(now.exit()).isEqualTo(r.exit());
    }

    @Test
    void errors_areOneLine_namingTheFix() {
        assertThat(CliSupport.oneLine(new IllegalStateException(
                        "web server failed", new BindException("Address already in use: port 8080"))))
                .isEqualTo("port 8080 is in use by another program: stop it, or choose another port with --port");
        assertThat(CliSupport.oneLine(new RuntimeException(
                        "boot",
                        new java.sql.SQLException("Another instance of Derby may have already booted the database"))))
                .contains("--data-dir", "in use by another running server");
        Run bad = run("check-id");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err().lines().count()).isEqualTo(1);
        assertThat(bad.err()).contains("dict: ", "--help");
    }
}
