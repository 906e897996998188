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
    @Option(
            names = {"-c", "--cards"},
            description = "citizens with a card (default: ${DEFAULT-VALUE})",
            defaultValue = "20")
    int cards;

    @Option(
            names = {"-t", "--taps"},
            description = "taps at kiosks and department terminals (default: ${DEFAULT-VALUE})",
            defaultValue = "200")
    int taps;

    @Option(
            names = {"-a", "--agents"},
            description = "kiosks and department terminals, besides the counter (default: ${DEFAULT-VALUE})",
            defaultValue = "6")
    int agents;

    @Option(names = "--tears", description = "torn purchases (default: taps / 50, at least 2)")
    Integer tears;

    @Option(
            names = {"-d", "--data"},
            description = "a new directory for everything the day writes (default:" + " ./data/demo-<date-time>)")
    Path data;

    @Option(
            names = "--seed",
            description = "the seed of the day's plan (default: ${DEFAULT-VALUE})",
            defaultValue = "20261122")
    long seed;

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.setOut(out);
        System.exit(new CommandLine(new DemoCli())
                .setExecutionStrategy(org.citycard.dictionary.cli.CallerDirectory.strategy())
                .execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path dir = data != null
                ? data
                : Path.of("data", "demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        if (Files.exists(dir) && Files.list(dir).findAny().isPresent()) {
            System.err.println("--data " + dir + " is not empty: the demo starts from nothing; give a new directory");
            return 2;
        }
        CityDay.Config config = new CityDay.Config(
                dir, cards, taps, agents, tears != null ? tears : CityDay.Config.defaultTears(taps), seed);
        PrintStream out = System.out;
        out.println("CityCard demo: " + cards + " citizens, " + taps + " taps at " + agents
                + " kiosks and department terminals; everything in "
                + dir.toAbsolutePath().normalize());
        CityDay.Outcome o = CityDay.run(config, new ConsoleProgress(out));
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
