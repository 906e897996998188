package org.citycard.agent.crash;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.citycard.agent.iso.IsoConfig;
import org.citycard.agent.journal.Journal;
import org.citycard.agent.purse.PurchaseRequest;
import org.citycard.agent.runtime.TerminalAgent;
import org.citycard.agent.session.TapRequest;
import org.citycard.applet.sim.CitizenProfile;
import org.citycard.applet.sim.PsamProfile;
import org.citycard.applet.sim.SimPersonaliser;
import org.citycard.applet.sim.SimulatedCard;
import org.citycard.cardlink.ApduTransport;

/**
 * The agent process the crash test kills: a file journal, the real applets, purchases as fast as it can with the
 * uploader running against the test host. Mode "work" taps until killed; mode "drain" only uploads what is owed
 * and exits 0 when nothing is. Args: journal dir, host port, run number, mode.
 */
public final class CrashChild {
    public static final String TERMINAL = "123456789012";

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        int run = Integer.parseInt(args[2]);
        boolean drain = args[3].equals("drain");
        SimPersonaliser perso = SimPersonaliser.demo();
        SimulatedCard psamCard = perso.newPsam(PsamProfile.demo(TERMINAL));
        ApduTransport psam = psamCard::transmit;
        try (Journal journal = Journal.open(dir)) {
            // the PSAM is a real, persistent card in a terminal; here it is new each run, so its TTSN is moved past
            // the journal's as a real PSAM's would be
            long maxTtsn = journal.all().stream()
                    .mapToLong(e -> e.record().ttsn())
                    .filter(t -> t < 0x8000_0000L)
                    .max()
                    .orElse(0);
            advance(psam, maxTtsn);
            try (TerminalAgent agent = TerminalAgent.builder()
                    .psam(psam)
                    .journal(journal)
                    .terminalId(TERMINAL)
                    .iso(new IsoConfig("127.0.0.1", port, Duration.ofSeconds(1), Duration.ofSeconds(2)))
                    .batchSize(20)
                    .uploadIntervalMs(20)
                    .demoTerminalKey()
                    .build()
                    .start()) {
                System.out.println("READY");
                System.out.flush();
                if (drain) {
                    System.exit(agent.drain(60_000) ? 0 : 4);
                }
                AtomicInteger card = new AtomicInteger();
                while (true) {
                    String asn = String.format("31%06d%012d", run, card.incrementAndGet());
                    SimulatedCard c = perso.newCitizenCard(CitizenProfile.demo(asn));
                    perso.load(c, asn, 1_000, "999999999999");
                    for (int i = 0; i < 5; i++) {
                        agent.taps().arm(new TapRequest.Pay(new PurchaseRequest(10 + i, "0201", "R" + run, null)));
                        agent.tap(c::transmit);
                    }
                }
            }
        }
    }

    /** Moves the PSAM's TTSN to {@code target} with purchase initialisations that are never completed. */
    private static void advance(ApduTransport psam, long target) {
        org.citycard.cardlink.command.SelectApplication.send(
                psam,
                org.citycard.dictionary.Dictionary.standard()
                        .application("psam")
                        .aidBytes());
        byte[] issuer = org.citycard.dictionary.Dictionary.standard()
                                .parameter("issuer_id")
                                .value()
                                .length()
                        == 16
                ? java.util.HexFormat.of()
                        .parseHex(org.citycard.dictionary.Dictionary.standard()
                                .parameter("issuer_id")
                                .value())
                : new byte[8];
        long ttsn = 0;
        while (ttsn < target) {
            var r = org.citycard.cardlink.command.InitSamForPurchase.send(
                    psam,
                    new byte[4],
                    new byte[2],
                    1,
                    (byte) 6,
                    new byte[] {0x20, 0x26, 0x01, 0x01},
                    new byte[3],
                    (byte) 1,
                    (byte) 0,
                    new byte[8],
                    issuer);
            ttsn = org.citycard.dictionary.codec.Amounts.fromBytes(r.ttsn(), 0, 4);
        }
    }
}
