package org.citycard.agent.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.citycard.agent.journal.Journal;
import org.citycard.agent.kiosk.CardSlot;
import org.citycard.agent.kiosk.KioskServer;
import org.citycard.agent.runtime.TerminalAgent;
import org.citycard.agent.session.TapRequest;
import org.citycard.cardlink.pcsc.Readers;
import org.citycard.cardlink.pcsc.TapLoop;
import org.citycard.dictionary.wire.TerminalType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Run the tap loop, the uploader and the kiosk / counter pages until stopped 运行终端")
final class RunCommand implements Callable<Integer> {
    @Mixin
    AgentOptions opts;

    @Mixin
    KioskTimes times;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = {"-p", "--port"},
            description = "port of the kiosk and counter pages on localhost (0: no pages)")
    int port = 8090;

    @Option(names = "-P", hidden = true, description = "old short name of --port")
    void oldPort(int p) {
        org.citycard.dictionary.cli.CliSupport.deprecated("-P", "--port (-p)");
        this.port = p;
    }

    @Option(
            names = {"-m", "--mode"},
            defaultValue = "kiosk",
            description = "the terminal's type: kiosk (a tap asks the PIN and shows the holder), counter (a tap shows"
                    + " the balance; loads), load-machine or department; the pages offer only what the type may do")
    String mode;

    @Override
    public Integer call() throws Exception {
        TerminalType type = TerminalType.ofMode(mode)
                .orElseThrow(() -> new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--mode " + mode + ": give one of " + TerminalType.modes()
                                + " (the terminal types of the dictionary's table terminal-type)"));
        try (Journal journal = Journal.open(opts.journal);
                Readers readers = Readers.open(opts.readerConfig());
                TerminalAgent agent = TerminalAgent.builder()
                        .psam(readers.psam())
                        .journal(journal)
                        .iso(opts.isoConfig())
                        .server(opts.serverApi())
                        .keys(opts.keys())
                        .department(opts.department)
                        .build()
                        .start()) {
            agent.taps().idleRequest(new TapRequest.Query(type == TerminalType.KIOSK));
            times.applyTo(agent.taps());
            agent.events().subscribe(e -> System.out.println(e.type() + " " + e.data()));
            KioskServer pages = port > 0
                    ? KioskServer.start(
                            agent,
                            port,
                            new KioskServer.Options(
                                    10_000,
                                    "sim".equals(opts.reader) ? CardSlot.simulatorDemo() : null,
                                    times.pageIdleMs()),
                            type)
                    : null;
            System.out.println("terminal " + agent.terminalId() + " (" + type.label() + ") ready"
                    + (pages != null
                            ? "; kiosk http://localhost:" + pages.port() + "/kiosk"
                                    + (type.maySend("0100")
                                            ? "  counter http://localhost:" + pages.port() + "/counter"
                                            : "")
                            : ""));
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            try (TapLoop loop = readers.tapLoop(agent.taps()).start()) {
                stop.await();
            } finally {
                if (pages != null) {
                    pages.close();
                }
            }
        }
        return 0;
    }
}
