package org.citycard.agent.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./citycard agent}: the terminal agent of kiosks and counters. A thin layer over the library. */
@Command(
        name = "agent",
        mixinStandardHelpOptions = true,
        description = "The CityCard terminal agent 终端代理: readers, taps, journal, upload, kiosk and counter pages.",
        subcommands = {
            ReadersCommand.class,
            RunCommand.class,
            TapCommand.class,
            JournalCommand.class,
            SimulateCommand.class,
            CommandLine.HelpCommand.class
        })
public final class AgentCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new AgentCli());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("agent: " + ex.getMessage());
            return 1;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine()
                .setExecutionStrategy(org.citycard.dictionary.cli.CallerDirectory.strategy())
                .execute(args));
    }
}
