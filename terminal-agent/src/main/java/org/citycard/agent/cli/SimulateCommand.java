package org.citycard.agent.cli;

import java.util.concurrent.Callable;
import org.citycard.agent.simulate.Simulation;
import org.citycard.dictionary.codec.Amounts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = "Tap N simulated cards M times against a clearing server 模拟刷卡")
final class SimulateCommand implements Callable<Integer> {
    @Mixin
    AgentOptions opts;

    @Option(
            names = {"-n", "--cards"},
            defaultValue = "10",
            description = "how many simulated cards")
    int cards;

    @Option(
            names = {"-m", "--taps"},
            defaultValue = "100",
            description = "how many taps in all")
    int taps;

    @Option(names = "--amount", defaultValue = "2.00", description = "purchase amount in yuan")
    String amount;

    @Option(names = "--initial", defaultValue = "50.00", description = "balance each card starts with, in yuan")
    String initial;

    @Option(names = "--load", defaultValue = "100.00", description = "online load when a card runs low, in yuan")
    String load;

    @Option(names = "--terminal", defaultValue = "123456789012", description = "terminal ID of the simulated PSAM")
    String terminal;

    @Option(names = "--asn-prefix", defaultValue = "3100", description = "first digits of the simulated cards' ASNs")
    String asnPrefix;

    @Option(names = "--memory", description = "keep the journal in memory instead of --data-dir")
    boolean memory;

    @Override
    public Integer call() throws Exception {
        Simulation.Report r = Simulation.run(new Simulation.Config(
                cards,
                taps,
                opts.isoConfig(),
                opts.serverApi(),
                opts.keys(),
                memory ? null : opts.journal,
                terminal,
                opts.department,
                Amounts.parseYuan("initial", initial),
                Amounts.parseYuan("amount", amount),
                Amounts.parseYuan("load", load),
                asnPrefix));
        System.out.println(r.toJson());
        r.firstErrors().forEach(e -> System.err.println("  " + e));
        return r.errors() == 0 && r.uploaded() ? 0 : 1;
    }
}
