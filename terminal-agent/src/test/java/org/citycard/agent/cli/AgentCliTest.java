package org.citycard.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.citycard.agent.journal.Journal;
import org.citycard.dictionary.record.OfflineRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AgentCliTest {
    private static String run(String... args) {
        CommandLine cl = AgentCli.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        int code = cl.execute(args);
        assertThat(code).as("exit code of %s", String.join(" ", args)).isZero();
        return out.toString();
    }

    @Test
    void vocabulary_versionEverywhere_dataDir_defaultsShown_oldNamesWithADeprecationLine(@TempDir Path dir) {
        for (String[] cmd : new String[][] {
            {"--version"},
            {"readers", "--version"},
            {"run", "--version"},
            {"tap", "--version"},
            {"journal", "--version"},
            {"simulate", "--version"},
            {"sim", "--version"}
        }) {
            assertThat(run(cmd)).as(String.join(" ", cmd)).containsPattern("\\(CityCard\\) \\d+\\.\\d+\\.\\d+");
        }
        assertThat(run("run", "--help")).contains("--data-dir", "--server-url", "--key-set", "--port", "Default: 8090");
        assertThat(run("run", "--help")).doesNotContain("--journal", "--http ", "-P,");
        assertThat(run("journal", "list", "--data-dir", dir.resolve("j").toString()))
                .doesNotContain("deprecated");

        java.io.PrintStream before = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            run("journal", "list", "--journal", dir.resolve("old").toString());
        } finally {
            System.setErr(before);
        }
        assertThat(dir.resolve("old"))
                .as("the old name sets the data directory")
                .isDirectory();
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8).strip())
                .isEqualTo("warning: --journal is deprecated and will go away: use --data-dir");
    }

    /**
     * A bill number is printable ASCII the payer typed: one that starts with "=" was written into the CSV as is
     * (commas only replaced by spaces), so a spreadsheet opening the export ran it as a formula.
     */
    @Test
    void journalExport_writesAFormulaPayeeAsText_andQuotesByRfc4180(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("agent");
        try (Journal j = Journal.open(data)) {
            long id = j.beginOffline(org.citycard.dictionary.record.OfflineRecord.of(
                    "06",
                    "31000000000000000001",
                    1,
                    10_000,
                    100,
                    "123456789012",
                    1,
                    "20261121",
                    "083015",
                    null,
                    1,
                    0,
                    "0101",
                    "=HYPERLINK(\"x\",1)"));
            j.complete(id, "CBFFB952");
        }
        Path csv = dir.resolve("export.csv");
        run("journal", "export", "--data-dir", data.toString(), csv.toString());
        java.util.List<String> lines = java.nio.file.Files.readAllLines(csv);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).contains(",\"'=HYPERLINK(\"\"x\"\",1)\",").doesNotContain(",=HYPERLINK");
    }

    @Test
    void everyCommandHasHelp() {
        assertThat(run("--help")).contains("readers", "run", "tap", "journal");
        for (String[] cmd : new String[][] {
            {"readers", "--help"},
            {"run", "--help"},
            {"tap", "--help"},
            {"journal", "--help"},
            {"journal", "list", "--help"},
            {"simulate", "--help"},
            {"journal", "retry", "--help"},
            {"journal", "export", "--help"}
        }) {
            assertThat(run(cmd)).contains("Usage:").contains("--help");
        }
        assertThat(run("tap", "--help")).contains("--pay", "--load", "--reader");
    }

    @Test
    void journalRetry_findsTheTerminal_inTheJournal_orSaysWhatToGive(@TempDir Path dir) {
        CommandLine cl = AgentCli.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int code =
                cl.execute("journal", "retry", "--journal", dir.resolve("empty").toString());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("--terminal", "no records yet");

        try (Journal j = Journal.open(dir.resolve("one"))) {
            assertThatThrownBy(() -> JournalCommand.terminalOf(j, "12345"))
                    .hasMessageContaining("--terminal")
                    .hasMessageContaining("'12345'")
                    .hasMessageContaining("12 digits");
            j.beginOffline(record("123456789012", 1));
            assertThat(JournalCommand.terminalOf(j, null)).isEqualTo("123456789012");
            assertThat(JournalCommand.terminalOf(j, "210987654321")).isEqualTo("210987654321");
            j.beginOffline(record("210987654321", 1));
            assertThatThrownBy(() -> JournalCommand.terminalOf(j, null))
                    .hasMessageContaining("123456789012, 210987654321");
        }
    }

    private static OfflineRecord record(String terminal, long ttsn) {
        return OfflineRecord.of(
                "06",
                "31000000000000012345",
                (int) ttsn,
                1000,
                400,
                terminal,
                ttsn,
                "20261121",
                "083015",
                null,
                1,
                0,
                "0201",
                "W-1");
    }
}
