package org.citycard.system.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.citycard.system.TestDirs;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code ./citycard demo} itself, at a small size ({@code -Dcitycard.system.cards}, {@code -Dcitycard.system.taps}):
 * exit status 0, and the summary shows every part of the day with every check holding.
 */
class DemoCliTest {
    static final int CARDS = Integer.getInteger("citycard.system.cards", 8);
    static final int TAPS = Integer.getInteger("citycard.system.taps", 60);

    @Test
    void demo_atASmallSize_exitsZero_andItsSummaryHoldsEveryCheck() throws Exception {
        Path dir = TestDirs.fresh("demo");
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            exit = new CommandLine(new DemoCli())
                    .execute("--cards", "" + CARDS, "--taps", "" + TAPS, "--agents", "6", "--data-dir", dir.toString());
        } finally {
            System.setOut(original);
        }
        String printed = captured.toString(StandardCharsets.UTF_8);
        System.out.println(printed);
        String summary = Files.readString(dir.resolve("summary.txt"));

        assertThat(exit).as("exit status; the summary:%n%s", summary).isZero();
        assertThat(printed).contains("[1/8]", "[5/8]", "[8/8]").contains(summary);
        // piped: no progress-bar redraws, a line per quarter instead, and each step's duration labelled as such
        assertThat(printed)
                .doesNotContain("\r")
                .contains("step 1 took ", "step 8 took ")
                .contains(" of ");
        assertThat(summary)
                .contains("Cards issued " + CARDS + " (" + (CARDS + 1) + " applicants enrolled")
                .contains("1 flagged [NAME_MISMATCH]")
                .contains("Transactions by department")
                .contains("0101  市公交集团 Transit")
                .contains("cards pulled away at DEBIT FOR PURCHASE")
                .contains("refused as blocked (1)")
                .contains("replay of", "→ 94, a forgery → Q1")
                .contains("Q1 QUARANTINED", "Q2 REPEAT")
                .contains("Settlement of ", "paid through bank 102100099996", "paid through bank 105100000017")
                .contains("pain.001.001.03-CCS", "manifest-CCS", ".txt.p7s")
                .contains("Bank status", "1 rejected", "re-queued for the next day close")
                .contains("✓ the bank files validate", "✓ the banks' status reports were read back")
                .contains("Cards by algorithm {3DES=" + (CARDS + 1) / 2 + ", SM4=" + CARDS / 2 + "}")
                .contains("✓ 3DES and SM4 cards side by side")
                .contains("./citycard server --data-dir " + dir.resolve("server"))
                .doesNotContain("✗")
                .containsPattern("All \\d+ checks hold\\.");
    }

    @Test
    void demo_refusesADataDirectoryThatIsNotEmpty() throws Exception {
        Path dir = TestDirs.fresh("demo-used");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("something"), "from before");
        int exit = new CommandLine(new DemoCli()).execute("--data", dir.toString());
        assertThat(exit).isEqualTo(2);
    }

    @Test
    void demo_aBadSize_isOneLineNamingTheOption_exit2_andNothingWritten() throws Exception {
        Path dir = TestDirs.fresh("demo-bad-size");
        java.io.StringWriter err = new java.io.StringWriter();
        CommandLine cl = DemoCli.commandLine();
        cl.setErr(new java.io.PrintWriter(err, true));
        int exit = cl.execute("--cards", "0", "--data-dir", dir.toString());
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).contains("--cards 0", "at least 4").doesNotContain("Exception");
        assertThat(Files.exists(dir)).isFalse();
    }
}
