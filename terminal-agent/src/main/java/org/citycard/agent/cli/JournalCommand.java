package org.citycard.agent.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.citycard.agent.iso.HostLink;
import org.citycard.agent.iso.IsoClient;
import org.citycard.agent.iso.WorkingKeys;
import org.citycard.agent.journal.Journal;
import org.citycard.agent.journal.JournalEntry;
import org.citycard.agent.journal.LoadEvent;
import org.citycard.agent.upload.Uploader;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.codec.Csv;
import org.citycard.dictionary.validate.Rules;
import org.citycard.dictionary.validate.ValidationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "journal",
        mixinStandardHelpOptions = true,
        description = "The local journal 本地流水: list, retry the upload now, export as CSV",
        subcommands = {JournalCommand.List.class, JournalCommand.Retry.class, JournalCommand.Export.class})
final class JournalCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "The newest records and loads, and what awaits upload")
    static final class List implements Callable<Integer> {
        @Mixin
        AgentOptions opts;

        @Option(
                names = {"-n", "--limit"},
                defaultValue = "20",
                description = "how many of each")
        int limit;

        @Override
        public Integer call() {
            try (Journal j = Journal.open(opts.journal)) {
                System.out.printf(
                        "%d records await upload, %d purchases await their card's proof%n",
                        j.awaitingUpload(), j.pendingCount());
                for (JournalEntry r : j.latest(limit)) {
                    System.out.println(line(r));
                }
                for (LoadEvent e : j.loads().latest(limit)) {
                    System.out.printf(
                            "load %-6d %-12s %s %10d fen stan %06d %s %s%n",
                            e.id(),
                            e.state(),
                            Journal.mask(e.asn()),
                            e.amount(),
                            e.stan(),
                            e.requestDate(),
                            e.requestTime());
                }
                return 0;
            }
        }
    }

    @Command(
            name = "retry",
            mixinStandardHelpOptions = true,
            description = "Upload everything owed now (batches, advices, reversals, reconciliation)")
    static final class Retry implements Callable<Integer> {
        @Mixin
        AgentOptions opts;

        @Option(
                names = "--terminal",
                description = "this terminal's ID (12 digits), as on its PSAM; default: the one the journal holds")
        String terminal;

        @Override
        public Integer call() throws Exception {
            try (Journal j = Journal.open(opts.journal)) {
                String terminal = terminalOf(j, this.terminal);
                WorkingKeys keys = new WorkingKeys(opts.terminalKey(terminal));
                try (HostLink host = new HostLink(new IsoClient(opts.isoConfig(), keys), terminal, j::nextStan)) {
                    Uploader.Pass p = new Uploader(j, host).drainOnce();
                    System.out.printf(
                            "uploaded %d records in %d batches, %d completions, %d reversals, reconciled %s%n",
                            p.records(), p.batches(), p.completions(), p.reversals(), p.reconciled());
                    return 0;
                }
            }
        }
    }

    /**
     * The terminal to upload as: the one given (12 digits), or else the only terminal the journal has recorded
     * events for; none or several is refused with what to give.
     */
    static String terminalOf(Journal journal, String given) {
        if (given != null) {
            try {
                Rules.checkElement(Dictionary.standard(), "terminal_id", given);
            } catch (ValidationException e) {
                throw new IllegalArgumentException("--terminal: " + e.getMessage() + ", as on the PSAM");
            }
            return given;
        }
        java.util.List<String> held = journal.terminals();
        if (held.size() == 1) {
            return held.get(0);
        }
        throw new IllegalArgumentException(
                held.isEmpty()
                        ? "--terminal: the journal has no records yet, so it cannot tell this terminal's ID; give --terminal"
                        : "--terminal: the journal holds events of terminals " + String.join(", ", held)
                                + "; give the one to upload as");
    }

    @Command(
            name = "export",
            mixinStandardHelpOptions = true,
            description = "Write every record and load as CSV (RFC 4180; a field a spreadsheet would run as a formula"
                    + " is written as text)")
    static final class Export implements Callable<Integer> {
        @Mixin
        AgentOptions opts;

        @Parameters(index = "0", description = "the CSV file to write")
        Path out;

        @Override
        public Integer call() throws Exception {
            try (Journal j = Journal.open(opts.journal);
                    PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
                w.println(
                        "kind,id,type,state,asn,offline_seq,terminal_id,ttsn,amount,balance_before,transaction_date,transaction_time,tac,department,"
                                + "payee,batch,result");
                int n = 0;
                for (JournalEntry e : j.all()) {
                    var r = e.record();
                    w.println(Csv.line(java.util.Arrays.asList(
                            "record",
                            Long.toString(e.id()),
                            r.recordType(),
                            String.valueOf(e.state()),
                            r.asn(),
                            Long.toString(r.offlineSeq()),
                            r.terminalId(),
                            Long.toString(r.ttsn()),
                            Long.toString(r.amount()),
                            Long.toString(r.balanceBefore()),
                            r.transactionDate(),
                            r.transactionTime(),
                            nz(e.tac()),
                            r.departmentCode(),
                            r.payeeReference(),
                            e.batchNo() == null ? "" : String.valueOf(e.batchNo()),
                            nz(e.result()))));
                    n++;
                }
                for (LoadEvent e : j.loads().all()) {
                    w.println(Csv.line(java.util.Arrays.asList(
                            "load",
                            Long.toString(e.id()),
                            "02",
                            String.valueOf(e.state()),
                            e.asn(),
                            Long.toString(e.onlineSeq()),
                            e.terminalId(),
                            Long.toString(e.stan()),
                            Long.toString(e.amount()),
                            Long.toString(e.balanceBefore()),
                            e.requestDate(),
                            e.requestTime(),
                            nz(e.tac()),
                            e.department(),
                            "",
                            "",
                            nz(e.responseCode()))));
                    n++;
                }
                System.out.println("wrote " + n + " rows to " + out);
                return 0;
            }
        }
    }

    static String line(JournalEntry e) {
        var r = e.record();
        return String.format(
                "%-6d %s %-8s %s seq %5d ttsn %10d %8d fen %s %s dept %s %-20s batch %s %s",
                e.id(),
                r.recordType(),
                e.state(),
                Journal.mask(r.asn()),
                r.offlineSeq(),
                r.ttsn(),
                r.amount(),
                r.transactionDate(),
                r.transactionTime(),
                r.departmentCode(),
                r.payeeReference(),
                e.batchNo() == null ? "-" : e.batchNo(),
                e.result() == null ? "" : e.result());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
