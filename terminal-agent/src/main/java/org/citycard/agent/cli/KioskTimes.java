package org.citycard.agent.cli;

import java.time.Duration;
import org.citycard.agent.kiosk.KioskServer;
import org.citycard.agent.session.TapProcessor;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * How long the kiosk waits for a citizen, as {@code agent run} options: an armed payment or load waits
 * {@code --arm-expiry} seconds for its card, a page left alone goes back to its start screen (clearing every
 * citizen's panel) after {@code --page-idle} seconds. A value out of range is refused before anything starts, with
 * a line naming the option, the value and the range.
 */
final class KioskTimes {
    static final long MAX_SECONDS = 3_600;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    private long armExpirySeconds = TapProcessor.ARM_EXPIRY.toSeconds();
    private long pageIdleSeconds = KioskServer.Options.PAGE_IDLE_MS / 1_000;

    @Option(
            names = "--arm-expiry",
            paramLabel = "SECONDS",
            defaultValue = "60",
            description =
                    "how long an armed payment or load waits for its card before it is forgotten" + " (1 to 3600)")
    void armExpiry(long seconds) {
        this.armExpirySeconds = checked("--arm-expiry", seconds);
    }

    @Option(
            names = "--page-idle",
            paramLabel = "SECONDS",
            defaultValue = "60",
            description = "how long a kiosk or counter page shows a citizen's screen without a touch or an event"
                    + " before it clears it and goes back to the start (1 to 3600)")
    void pageIdle(long seconds) {
        this.pageIdleSeconds = checked("--page-idle", seconds);
    }

    private long checked(String option, long seconds) {
        if (seconds < 1 || seconds > MAX_SECONDS) {
            throw new ParameterException(
                    spec.commandLine(),
                    option + " " + seconds + ": give 1 to " + MAX_SECONDS + " seconds (default 60)");
        }
        return seconds;
    }

    /** Gives the agent's tap processor the arm expiry. */
    void applyTo(TapProcessor taps) {
        taps.armExpiry(Duration.ofSeconds(armExpirySeconds));
    }

    long armExpirySeconds() {
        return armExpirySeconds;
    }

    long pageIdleMs() {
        return pageIdleSeconds * 1_000;
    }
}
