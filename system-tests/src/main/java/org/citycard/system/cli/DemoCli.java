package org.citycard.system.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import org.citycard.system.city.CityDay;
import org.citycard.system.city.DaySummary;
import org.citycard.system.city.SummaryReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./citycard demo}: a day in the life of a small city on the embedded defaults, then the summary. Exit code 0
 * only when every check of the summary holds.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "A day in the life of a small city: the clearing server on a fresh Derby, departments and banks, the card"
                    + " centre enrolling and personalising citizens' cards, a counter loading them, kiosks and"
                    + " department terminals serving purchases, bills and queries (torn taps, a lost card, a replayed"
                    + " and a forged record among them), uploads, day close, bank files and the banks' answer.",
            "Prints a summary and exits 0 only when every check of it holds."
        })
public final class DemoCli implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = {"-c", "--cards"},
            description = "citizens with a card",
            defaultValue = "20")
    int cards;

    @Option(
            names = {"-t", "--taps"},
            description = "taps at kiosks and department terminals",
            defaultValue = "200")
    int taps;

    @Option(
            names = {"-a", "--agents"},
            description = "kiosks and department terminals, besides the counter",
            defaultValue = "6")
    int agents;

    @Option(names = "--tears", description = "torn purchases (default: taps / 50, at least 2)")
    Integer tears;

    @Option(
            names = {"-d", "--data-dir"},
            description = "a new directory for everything the day writes (default:" + " ./data/demo-<date-time>)")
    Path data;

    @Option(names = "--data", hidden = true, description = "old name of --data-dir")
    void oldData(Path dir) {
        org.citycard.dictionary.cli.CliSupport.deprecated("--data", "--data-dir");
        this.data = dir;
    }

    @Option(names = "--seed", description = "the seed of the day's plan", defaultValue = "20261122")
    long seed;

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.setOut(out);
        System.exit(commandLine().execute(args));
    }

    /** The command line with the shared CityCard behaviour (version, defaults in help, one-line errors). */
    public static CommandLine commandLine() {
        return org.citycard.dictionary.cli.CliSupport.configure(new CommandLine(new DemoCli()), "demo");
    }

    @Override
    public Integer call() throws Exception {
        Path dir = data != null
                ? data
                : Path.of("data", "demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        if (Files.exists(dir) && Files.list(dir).findAny().isPresent()) {
            System.err.println(
                    "--data-dir " + dir + " is not empty: the demo starts from nothing; give a new directory");
            return 2;
        }
        CityDay.Config config;
        try {
            config = new CityDay.Config(
                    dir, cards, taps, agents, tears != null ? tears : CityDay.Config.defaultTears(taps), seed);
        } catch (IllegalArgumentException e) {
            // a bad size is a bad option: one line naming it, exit 2, nothing written
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintStream out = System.out;
        out.println("CityCard demo: " + cards + " citizens, " + taps + " taps at " + agents
                + " kiosks and department terminals; everything in "
                + dir.toAbsolutePath().normalize());
        ConsoleProgress progress = new ConsoleProgress(out);
        CityDay.Outcome o = CityDay.run(config, progress);
        progress.endPhase();
        try {
            DaySummary s = DaySummary.of(o);
            String report = SummaryReport.render(s);
            out.print(report);
            Files.writeString(dir.resolve("summary.txt"), report, StandardCharsets.UTF_8);
            return s.allHold() ? 0 : 1;
        } finally {
            CityDay.close(o);
        }
    }
}
