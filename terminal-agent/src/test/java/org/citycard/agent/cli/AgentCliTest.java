package org.citycard.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
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
}
