package org.citycard.agent.simulate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.citycard.agent.hotlist.ServerApi;
import org.citycard.agent.iso.IsoConfig;
import org.citycard.agent.journal.Journal;
import org.citycard.agent.purse.PurchaseRequest;
import org.citycard.agent.runtime.TerminalAgent;
import org.citycard.agent.session.AgentEvent;
import org.citycard.agent.session.TapRequest;
import org.citycard.cardlink.ApduTransport;

/**
 * N simulated cards tapped M times at one simulated terminal against a clearing server: purchases to a
 * department, an online load when a card runs low, everything journaled and uploaded. The library behind
 * {@code agent simulate}, the demo and the benchmarks.
 */
public final class Simulation {
    /**
     * @param journal the journal directory, or null for one in memory
     * @param asnPrefix the first digits of the simulated cards' ASNs (the rest counts up)
     * @param server the server's HTTP side, or null
     * @param keys the simulated terminal's key by terminal ID (its key store, or {@code TerminalKey::demo})
     */
    public record Config(
            int cards,
            int taps,
            IsoConfig iso,
            ServerApi server,
            java.util.function.Function<String, org.citycard.dictionary.crypto.TerminalKey> keys,
            Path journal,
            String terminalId,
            String department,
            long initialBalance,
            long amount,
            long loadAmount,
            String asnPrefix) {
        public Config {
            if (cards < 1 || taps < 0) {
                throw new IllegalArgumentException("cards " + cards + ", taps " + taps + ": at least 1 card, 0+ taps");
            }
            if (asnPrefix == null || !asnPrefix.matches("\\d{1,12}")) {
                throw new IllegalArgumentException("ASN prefix '" + asnPrefix + "': 1 to 12 digits");
            }
        }

        /** A simulation against a host on the demo keys (the terminal's demo TMK). */
        public static Config of(int cards, int taps, IsoConfig iso) {
            return new Config(
                    cards,
                    taps,
                    iso,
                    null,
                    org.citycard.dictionary.crypto.TerminalKey::demo,
                    null,
                    "123456789012",
                    "0101",
                    5_000,
                    200,
                    10_000,
                    "3100");
        }
    }

    /** What happened, as the CLI and the demo print it. */
    public record Report(
            int cards,
            int taps,
            int purchases,
            int loads,
            int refused,
            int errors,
            long elapsedMs,
            boolean uploaded,
            int awaitingUpload,
            List<String> firstErrors) {
        public double tapsPerSecond() {
            return elapsedMs == 0 ? 0 : taps * 1000.0 / elapsedMs;
        }

        public String toJson() {
            return String.format(
                    Locale.ROOT,
                    "{\"cards\":%d,\"taps\":%d,\"purchases\":%d,\"loads\":%d,\"refused\":%d,"
                            + "\"errors\":%d,\"elapsed_ms\":%d,\"taps_per_second\":%.1f,\"uploaded\":%b,"
                            + "\"awaiting_upload\":%d}",
                    cards,
                    taps,
                    purchases,
                    loads,
                    refused,
                    errors,
                    elapsedMs,
                    tapsPerSecond(),
                    uploaded,
                    awaitingUpload);
        }
    }

    private Simulation() {}

    public static Report run(Config c) throws InterruptedException {
        SimulatedCards sim = new SimulatedCards();
        List<String> asns = new ArrayList<>();
        List<ApduTransport> cards = new ArrayList<>();
        for (int i = 0; i < c.cards(); i++) {
            String asn =
                    c.asnPrefix() + String.format("%0" + (20 - c.asnPrefix().length()) + "d", i + 1);
            asns.add(asn);
            cards.add(sim.citizen(asn, c.initialBalance(), "999999999999"));
        }
        long[] balances = new long[c.cards()];
        java.util.Arrays.fill(balances, c.initialBalance());
        int purchases = 0;
        int loads = 0;
        int refused = 0;
        int errors = 0;
        List<String> firstErrors = new ArrayList<>();
        try (Journal journal = c.journal() == null
                        ? Journal.inMemory("simulate" + System.nanoTime())
                        : Journal.open(c.journal());
                TerminalAgent agent = TerminalAgent.builder()
                        .psam(sim.psam(c.terminalId()))
                        .terminalId(c.terminalId())
                        .journal(journal)
                        .iso(c.iso())
                        .server(c.server())
                        .keys(c.keys())
                        .department(c.department())
                        .uploadIntervalMs(1_000)
                        .build()
                        .start()) {
            long t0 = System.currentTimeMillis();
            for (int t = 0; t < c.taps(); t++) {
                int k = t % c.cards();
                TapRequest req = balances[k] < c.amount()
                        ? new TapRequest.Load(c.loadAmount())
                        : new TapRequest.Pay(new PurchaseRequest(c.amount(), c.department(), "SIM" + t, null));
                agent.taps().arm(req);
                AgentEvent e = agent.tap(cards.get(k));
                switch (e.type()) {
                    case "receipt" -> {
                        purchases++;
                        balances[k] = ((Number) e.data().get("balance")).longValue();
                    }
                    case "loaded" -> {
                        loads++;
                        balances[k] = ((Number) e.data().get("balance")).longValue();
                    }
                    case "loadRefused" -> {
                        refused++;
                        note(firstErrors, asns.get(k), e);
                        agent.taps().disarm();
                    }
                    default -> {
                        errors++;
                        note(firstErrors, asns.get(k), e);
                        agent.taps().disarm();
                    }
                }
            }
            long elapsed = System.currentTimeMillis() - t0;
            boolean drained = agent.drain(30_000);
            return new Report(
                    c.cards(),
                    c.taps(),
                    purchases,
                    loads,
                    refused,
                    errors,
                    elapsed,
                    drained,
                    journal.awaitingUpload(),
                    firstErrors);
        }
    }

    private static void note(List<String> errors, String asn, AgentEvent e) {
        if (errors.size() < 5) {
            errors.add(org.citycard.agent.journal.Journal.mask(asn) + ": " + e.type() + " "
                    + e.data().get("en"));
        }
    }
}
