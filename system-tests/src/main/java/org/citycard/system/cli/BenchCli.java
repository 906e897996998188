package org.citycard.system.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import org.citycard.system.bench.BenchReport;
import org.citycard.system.bench.Benchmarks;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./citycard bench [all|agent|ingest|auth|dayclose|issue]}: runs the benchmarks and writes one JSON report to
 * stdout and to a file; progress and the benchmarks' own logs go to stderr. Exit code 1 when a benchmark could not
 * run; a target not met is a figure, not a failure.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the benchmarks of the other modules and writes one JSON report: each figure, its baseline measured"
                    + " in the same run (raw APDU exchange, raw Derby inserts, a bare jPOS round trip …) with the"
                    + " ratio, and the DESIGN §7 target with whether it is met.",
            "Moderate sizes by default (a few minutes); --full for the issues' sizes (a million records)."
        })
public final class BenchCli implements Callable<Integer> {
    static final List<String> ALL = List.of("agent", "issue", "auth", "ingest", "dayclose");

    @Parameters(
            arity = "0..*",
            paramLabel = "BENCHMARK",
            description = "all (the default), agent, ingest, auth, dayclose, issue")
    List<String> names = List.of("all");

    @Option(names = "--full", description = "the issues' sizes: 1,000,000 records, 8 terminals × 2,000, 1,000 cards")
    boolean full;

    @Option(
            names = {"-o", "--out"},
            description = "the report file (default: data/bench/bench-<date-time>.json)")
    Path out;

    @Option(
            names = "--postgres",
            description = "ingest and auth on PostgreSQL (a throwaway cluster from the installed initdb, or"
                    + " $CITYCARD_TEST_PG_URL) with 1 and 2 server instances as processes, each beside the keyed"
                    + " raw PostgreSQL insert of the same rows in the same run")
    boolean postgres;

    @Option(names = "--ingest-records", description = "records of the ingest benchmark")
    Integer ingestRecords;

    @Option(names = "--dayclose-records", description = "records of the day-close benchmark")
    Integer dayCloseRecords;

    @Option(names = "--auth-per-terminal", description = "authorisations per terminal (8 terminals)")
    Integer authPerTerminal;

    @Option(names = "--agent-purchases", description = "purchases of the agent benchmark")
    Integer agentPurchases;

    @Option(names = "--issue-cards", description = "cards of the personalisation benchmark")
    Integer issueCards;

    public static void main(String[] args) {
        System.exit(org.citycard.dictionary.cli.CliSupport.configure(new CommandLine(new BenchCli()), "bench")
                .execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Benchmarks.Sizes base = full ? Benchmarks.Sizes.full() : Benchmarks.Sizes.moderate();
        Benchmarks.Sizes sizes = new Benchmarks.Sizes(
                or(agentPurchases, base.agentPurchases()),
                or(ingestRecords, base.ingestRecords()),
                or(authPerTerminal, base.authPerTerminal()),
                base.authTerminals(),
                or(dayCloseRecords, base.dayCloseRecords()),
                base.dayCloseThreads(),
                or(issueCards, base.issueCards()),
                base.issueWarmup());
        List<String> run = names.contains("all") ? ALL : names;
        for (String n : run) {
            if (!ALL.contains(n)) {
                System.err.println("no benchmark '" + n + "': use all, agent, ingest, auth, dayclose or issue");
                return 2;
            }
        }
        PrintStream stdout = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream stderr = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.setOut(stderr); // the benchmarks' servers log to the console: keep stdout for the report
        BenchReport report = new BenchReport(full);
        long t0 = System.nanoTime();
        Benchmarks benchmarks = new Benchmarks(sizes, report, stderr, postgres);
        for (String n : ALL) {
            if (run.contains(n)) {
                benchmarks.run(n);
            }
        }
        String json = report.finish((System.nanoTime() - t0) / 1e9);
        Path file = out != null
                ? out
                : Path.of(
                        "data",
                        "bench",
                        "bench-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                                + ".json");
        report.write(file);
        stdout.println(json);
        stderr.println("report written to " + file.toAbsolutePath().normalize());
        return report.failures() == 0 ? 0 : 1;
    }

    private static int or(Integer given, int otherwise) {
        return given != null ? given : otherwise;
    }
}
