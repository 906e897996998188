package org.citycard.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.citycard.agent.session.AgentEvent;
import org.citycard.agent.session.TapRequest;
import org.citycard.agent.testing.SimRig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code agent run --arm-expiry / --page-idle}: shown in the help, range-checked, given to the agent and pages. */
class KioskTimesTest {
    private static int run(StringWriter out, String... args) {
        CommandLine cl = AgentCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        return cl.execute(args);
    }

    @Test
    void theHelpShowsBothWithTheirDefault() {
        StringWriter out = new StringWriter();
        assertThat(run(out, "run", "--help")).isZero();
        String help = out.toString().replaceAll("\\s+", " ");
        assertThat(help)
                .contains("--arm-expiry=SECONDS how long an armed payment or load waits for its card")
                .contains("--page-idle=SECONDS how long a kiosk or counter page shows")
                .contains("forgotten (1 to 3600) Default: 60", "back to the start (1 to 3600) Default: 60");
    }

    @Test
    void aValueOutOfRange_isOneLineNamingTheOptionTheValueAndTheRange_exit2() {
        for (String[] bad : new String[][] {{"--arm-expiry", "0"}, {"--page-idle", "3601"}, {"--arm-expiry", "-5"}}) {
            StringWriter out = new StringWriter();
            // nothing starts: the value is refused while the command line is read, before a reader is opened
            assertThat(run(out, "run", "--reader", "sim", "--port", "0", bad[0], bad[1]))
                    .as(String.join(" ", bad))
                    .isEqualTo(2);
            assertThat(out.toString()).contains(bad[0] + " " + bad[1] + ": give 1 to 3600 seconds (default 60)");
        }
    }

    @Test
    void theArmExpiryReachesTheAgent_andThePageIdleThePages() {
        RunCommand cmd = new RunCommand();
        new CommandLine(cmd).parseArgs("--arm-expiry", "5", "--page-idle", "30");
        assertThat(cmd.times.pageIdleMs()).isEqualTo(30_000);
        try (SimRig rig = new SimRig()) {
            List<AgentEvent> armed = new CopyOnWriteArrayList<>();
            rig.agent.events().subscribe(e -> {
                if (e.type().equals("armed")) {
                    armed.add(e);
                }
            });
            rig.agent.taps().arm(new TapRequest.Load(100));
            cmd.times.applyTo(rig.agent.taps());
            rig.agent.taps().arm(new TapRequest.Load(100));
            assertThat(armed)
                    .extracting(e -> ((Number) e.data().get("expiresInMs")).longValue())
                    .containsExactly(60_000L, 5_000L);
        }
        RunCommand defaults = new RunCommand();
        new CommandLine(defaults).parseArgs();
        assertThat(defaults.times.armExpirySeconds()).isEqualTo(60);
        assertThat(defaults.times.pageIdleMs()).isEqualTo(60_000);
    }
}
