package org.citycard.issuance.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.citycard.cardlink.CardConnection;
import org.citycard.cardlink.pcsc.Readers;
import org.citycard.cardlink.perso.CardPersonaliser;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.issuance.perso.CardSource;
import org.citycard.issuance.perso.ProductionService;
import org.citycard.issuance.perso.ProgressListener;
import org.citycard.issuance.perso.source.ReaderCardSource;
import org.citycard.issuance.perso.source.SimulatorCardSource;
import org.citycard.issuance.staff.Staff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Batch production, PSAMs and readers. */
final class ProductionCommands {
    static final String SIM = "sim";
    static final String SIM_CARD_READER = "CityCard Sim Issuance Reader";
    static final String SIM_PSAM_READER = "CityCard Sim PSAM Writer";

    private ProductionCommands() {}

    /** The card source of a reader option: "sim" feeds blank simulated cards, anything else names a PC/SC reader. */
    static CardSource source(String reader, KeySet keys, boolean psam, PrintWriter prompt, int timeoutSeconds) {
        if (SIM.equals(reader)) {
            byte[] tk = keys.key("TK");
            try {
                return psam
                        ? SimulatorCardSource.psams(SIM_PSAM_READER, tk)
                        : SimulatorCardSource.citizenCards(SIM_CARD_READER, tk);
            } finally {
                java.util.Arrays.fill(tk, (byte) 0);
            }
        }
        return new ReaderCardSource(Readers.pcsc(), reader, prompt, timeoutSeconds * 1000L);
    }

    @Command(
            name = "batch",
            mixinStandardHelpOptions = true,
            description = "Batch production of approved applications.",
            subcommands = {Create.class, Run.class, ListBatches.class})
    static final class Batch implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(IssueCli.out(spec));
        }
    }

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Takes up to N verified applications into production (ASN, card number, dates).")
    static final class Create implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(
                names = {"-n", "--count"},
                required = true,
                description = "how many applications at most")
        int count;

        @Option(
                names = {"-k", "--key-set"},
                required = true,
                paramLabel = "FILE|demo",
                description = "the key store the cards are made with, or demo (public keys: tests and demos only)")
        String keySet;

        @Option(
                names = "--alg",
                defaultValue = "3des",
                paramLabel = "3des|sm4",
                description = "the algorithm of the cards' keys (CARD-SPEC §3, §7), one per batch (default 3des)")
        String alg;

        @Option(
                names = "--key-version",
                paramLabel = "N",
                description = "the key version of the cards' keys, 1..255 (issue 22; default: the newest the key set"
                        + " holds, fixed when the batch first runs)")
        Integer keyVersion;

        @Override
        public void run() {
            IssueCli root = IssueCli.root(spec);
            org.citycard.dictionary.crypto.Algorithm algorithm =
                    org.citycard.dictionary.crypto.Algorithm.parse("alg", alg);
            if (keyVersion != null && (keyVersion < 1 || keyVersion > 0xFF)) {
                throw new picocli.CommandLine.ParameterException(
                        spec.commandLine(), "--key-version " + keyVersion + ": must be 1..255");
            }
            if (keyVersion != null
                    && "demo".equals(keySet)
                    && !org.citycard.dictionary.crypto.KeySet.demo().versions().contains(keyVersion)) {
                throw new picocli.CommandLine.ParameterException(
                        spec.commandLine(),
                        "--key-version " + keyVersion + ": the demo key set holds versions "
                                + org.citycard.dictionary.crypto.KeySet.versionsText(
                                        org.citycard.dictionary.crypto.KeySet.demo()));
            }
            String name = "demo".equals(keySet)
                    ? "demo"
                    : java.nio.file.Path.of(keySet).getFileName().toString();
            ProductionService.Batch b = root.tool()
                    .production()
                    .create(root.user(), count, name, algorithm, keyVersion == null ? 0 : keyVersion);
            IssueCli.out(spec)
                    .println("batch " + b.id() + " created with " + b.size() + " cards for key set " + name + " ("
                            + algorithm.label() + ", key"
                            + " version " + (keyVersion == null ? "the newest" : String.format("%02X", keyVersion))
                            + ")"
                            + "; run it with: ./citycard issue batch run " + b.id() + " --key-set " + keySet
                            + " --reader NAME|sim");
        }
    }

    @Command(
            name = "run",
            mixinStandardHelpOptions = true,
            description = "Personalises the batch's cards; run it again to resume after an interruption.")
    static final class Run implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "BATCH", description = "batch number")
        long batch;

        @Option(
                names = {"-k", "--key-set"},
                required = true,
                paramLabel = "FILE|demo",
                description = "the batch's key set")
        String keySet;

        @Option(
                names = {"-r", "--reader"},
                required = true,
                description = "PC/SC reader name, or sim for the simulator")
        String reader;

        @Option(
                names = "--terminal-id",
                defaultValue = "990000000001",
                description = "this workstation's terminal ID, for the load key check")
        String terminalId;

        @Option(names = "--timeout", defaultValue = "120", description = "seconds to wait for a card")
        int timeout;

        @Option(names = "--quiet", description = "no progress bar")
        boolean quiet;

        @Override
        public void run() {
            IssueCli root = IssueCli.root(spec);
            Staff me = root.user();
            KeySet keys = root.keySet(me, keySet);
            PrintWriter out = IssueCli.out(spec);
            ProductionService.Summary s;
            try (CardSource source = source(reader, keys, false, out, timeout);
                    ProgressListener progress = quiet ? ProgressListener.quiet() : new Bar(System.err)) {
                s = root.tool().production().run(me, batch, keys, source, progress, root.serverClient(), terminalId);
            }
            summary(out, s); // after the bar has finished drawing
            if (s.stoppedBy() != null) {
                throw new IllegalStateException("the run stopped: " + s.stoppedBy()
                        + "; fix it and run the batch again to resume (finished cards are kept)");
            }
        }

        static void summary(PrintWriter out, ProductionService.Summary s) {
            int made = s.personalisedNow() + s.verifiedExisting();
            out.println("batch " + s.batchId() + ": " + s.done() + " of " + s.total() + " cards done ("
                    + s.personalisedNow() + " personalised now, " + s.verifiedExisting()
                    + " found finished and verified, "
                    + s.doneBefore() + " done before)");
            if (made > 0) {
                out.printf(
                        "  %.1f s, %.1f ms per card of which host-side %.2f ms, %.0f APDUs per card%n",
                        s.elapsedNanos() / 1e9,
                        s.elapsedNanos() / 1e6 / made,
                        s.hostNanos() / 1e6 / made,
                        (double) s.apdus() / made);
            }
            out.println("  reported to the server: " + s.reportedToServer()
                    + (s.serverFailures() > 0
                            ? ", not reported: " + s.serverFailures() + " (./citycard issue server-sync)"
                            : ""));
        }
    }

    /** The progress bar: cards done, rate and time left. */
    static final class Bar implements ProgressListener {
        private final PrintStream stream;
        private ProgressBar bar;

        Bar(PrintStream stream) {
            this.stream = stream;
        }

        @Override
        public void started(long batchId, int total, int alreadyDone) {
            bar = new ProgressBarBuilder()
                    .setTaskName("batch " + batchId)
                    .setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUnit(" cards", 1)
                    .showSpeed()
                    .setSpeedUnit(ChronoUnit.SECONDS)
                    .setConsumer(new ConsoleProgressBarConsumer(stream))
                    .build();
            bar.stepTo(alreadyDone);
        }

        @Override
        public void cardDone(String asn, CardPersonaliser.Outcome outcome) {
            bar.step();
            bar.setExtraMessage(asn);
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The production batches.")
    static final class ListBatches implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            IssueCli root = IssueCli.root(spec);
            root.user().require(org.citycard.issuance.staff.Permission.VIEW_STATUS);
            for (ProductionService.Batch b : root.tool().production().batches()) {
                IssueCli.out(spec)
                        .printf(
                                "batch %d  %d/%d done  key set %s  %s%n",
                                b.id(), b.done(), b.size(), b.keySet(), b.finished() ? "finished" : "open");
            }
        }
    }

    @Command(name = "psam", mixinStandardHelpOptions = true, description = "Personalises a terminal's PSAM.")
    static final class Psam implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--terminal-id", required = true, description = "the 12-digit terminal ID the PSAM serves")
        String terminalId;

        @Option(
                names = {"-k", "--key-set"},
                required = true,
                paramLabel = "FILE|demo",
                description = "key store, or demo")
        String keySet;

        @Option(
                names = {"-r", "--reader"},
                required = true,
                description = "PC/SC reader name, or sim")
        String reader;

        @Override
        public void run() {
            IssueCli root = IssueCli.root(spec);
            Staff me = root.user();
            KeySet keys = root.keySet(me, keySet);
            try (CardSource source = source(reader, keys, true, IssueCli.out(spec), 120)) {
                CardConnection c = source.present("the PSAM of terminal " + terminalId);
                boolean ok = false;
                try {
                    int files = root.tool().production().personalisePsam(me, keys, c, terminalId);
                    ok = true;
                    IssueCli.out(spec)
                            .println("PSAM of terminal " + terminalId + " personalised (" + files + " files verified)");
                } finally {
                    source.done(c, ok);
                }
            }
        }
    }

    @Command(name = "readers", mixinStandardHelpOptions = true, description = "Lists the card readers.")
    static final class ReadersCommand implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--sim", description = "the simulator's readers instead of PC/SC")
        boolean sim;

        @Override
        public void run() {
            Readers r = sim ? Readers.simulator(null) : Readers.pcsc();
            var names = r.names();
            names.forEach(IssueCli.out(spec)::println);
            IssueCli.out(spec).println(names.size() + " readers" + (sim ? " (simulator)" : " (PC/SC)"));
        }
    }
}
