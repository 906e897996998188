package org.citycard.agent.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.citycard.agent.journal.Journal;
import org.citycard.agent.purse.PurchaseRequest;
import org.citycard.agent.runtime.TerminalAgent;
import org.citycard.agent.session.AgentEvent;
import org.citycard.agent.session.TapRequest;
import org.citycard.cardlink.pcsc.Readers;
import org.citycard.cardlink.pcsc.Tap;
import org.citycard.cardlink.pcsc.TapHandler;
import org.citycard.cardlink.pcsc.TapLoop;
import org.citycard.dictionary.codec.Amounts;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "tap",
        mixinStandardHelpOptions = true,
        description = "Wait for one card and make one purchase, load or balance query 单次刷卡")
final class TapCommand implements Callable<Integer> {
    @Mixin
    AgentOptions opts;

    @ArgGroup(exclusive = true)
    What what = new What();

    static final class What {
        @Option(names = "--pay", description = "pay this amount in yuan, e.g. 4.00")
        String pay;

        @Option(names = "--load", description = "load this amount in yuan (online)")
        String load;

        @Option(names = "--balance", description = "show balance and last transactions (the default)")
        boolean balance;
    }

    @Option(names = "--payee", defaultValue = "", description = "payee reference (bill number) of a payment")
    String payee;

    @Option(names = "--category", description = "department category for a compound purchase (updates SFI 17)")
    String category;

    @Option(
            names = {"-w", "--wait"},
            defaultValue = "30",
            description = "seconds to wait for a card")
    int waitSeconds;

    @Override
    public Integer call() throws Exception {
        TapRequest req;
        if (what.pay != null) {
            req = new TapRequest.Pay(
                    new PurchaseRequest(Amounts.parseYuan("pay", what.pay), opts.department, payee, category));
        } else if (what.load != null) {
            req = new TapRequest.Load(Amounts.parseYuan("load", what.load));
        } else {
            req = new TapRequest.Query(false);
        }
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
            agent.taps().arm(req);
            CompletableFuture<AgentEvent> done = new CompletableFuture<>();
            System.out.println("tap a card on the reader 请刷卡 …");
            try (TapLoop loop = readers.tapLoop(new TapHandler() {
                        @Override
                        public void onTap(Tap tap) {
                            done.complete(agent.tap(tap.card()));
                        }
                    })
                    .start()) {
                AgentEvent e = done.get(waitSeconds, TimeUnit.SECONDS);
                System.out.println(e.type() + " " + e.data());
                agent.drain(Math.min(10_000, opts.timeoutSeconds * 1000L));
                return e.type().equals("error") ? 1 : 0;
            } catch (TimeoutException t) {
                System.err.println("no card within " + waitSeconds + " s");
                return 2;
            }
        }
    }
}
