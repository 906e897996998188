package org.citycard.clearing.cli;

import java.util.concurrent.Callable;
import org.citycard.clearing.reference.TerminalOfflineLimits;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./citycard server offline-limits --terminal ID [--per-purchase FEN] [--per-day FEN] [--default]}: shows or
 * sets a terminal's offline limits (issue 22). Runs on the data directory with the server stopped (Derby admits one
 * process); a running server does the same on {@code PUT /api/v1/terminals/{id}/offline-limits} (ADMIN).
 */
@Command(
        name = "offline-limits",
        mixinStandardHelpOptions = true,
        description = "Show or set a terminal's per-purchase and per-day offline limits (fen), served in its parameters"
                + " instead of the dictionary's defaults.")
class OfflineLimitsCommand implements Callable<Integer> {
    @Mixin
    ServerOptions options;

    @Option(names = "--terminal", required = true, description = "the registered terminal's ID (12 digits)")
    String terminalId;

    @Option(names = "--per-purchase", paramLabel = "FEN", description = "the per-purchase offline limit, fen")
    Long perPurchase;

    @Option(names = "--per-day", paramLabel = "FEN", description = "the per-day offline limit of one card, fen")
    Long perDay;

    @Option(names = "--default", description = "take the dictionary's defaults again")
    boolean reset;

    @Option(names = "--by", defaultValue = "cli", description = "who makes the change (kept with it)")
    String by;

    @Override
    public Integer call() {
        if (reset && (perPurchase != null || perDay != null)) {
            throw new IllegalArgumentException(
                    "--default takes both defaults again: give it without --per-purchase" + " or --per-day");
        }
        try (ConfigurableApplicationContext ctx = ServerCli.batchContext(options)) {
            TerminalOfflineLimits limits = ctx.getBean(TerminalOfflineLimits.class);
            TerminalOfflineLimits.Limits now = limits.of(terminalId);
            // an option not given keeps the terminal's current setting
            TerminalOfflineLimits.Limits l = reset
                    ? limits.set(terminalId, null, null, by)
                    : perPurchase != null || perDay != null
                            ? limits.set(
                                    terminalId,
                                    perPurchase != null ? perPurchase : now.purchaseLimit(),
                                    perDay != null ? perDay : now.dailyLimit(),
                                    by)
                            : now;
            System.out.println("terminal " + terminalId + ": offline limits " + l.effectivePurchaseLimit()
                    + " fen per purchase" + (l.purchaseLimit() == null ? " (default)" : "") + ", "
                    + l.effectiveDailyLimit() + " fen per card and day" + (l.dailyLimit() == null ? " (default)" : "")
                    + (l.changedBy() == null ? "" : "; set by " + l.changedBy() + " at " + l.changedAt()));
            return 0;
        }
    }
}
