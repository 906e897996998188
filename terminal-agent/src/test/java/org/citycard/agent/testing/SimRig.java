package org.citycard.agent.testing;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.citycard.agent.iso.IsoConfig;
import org.citycard.agent.journal.Journal;
import org.citycard.agent.runtime.TerminalAgent;
import org.citycard.agent.session.AgentEvent;
import org.citycard.applet.sim.CitizenProfile;
import org.citycard.applet.sim.PsamProfile;
import org.citycard.applet.sim.SimPersonaliser;
import org.citycard.applet.sim.SimulatedCard;
import org.citycard.applet.sim.SimulatedReader;
import org.citycard.applet.sim.SimulatorRegistry;
import org.citycard.cardlink.ApduTransport;
import org.citycard.cardlink.CardLostException;
import org.citycard.cardlink.pcsc.ReaderConfig;
import org.citycard.cardlink.pcsc.Readers;
import org.citycard.cardlink.pcsc.TapLoop;

/**
 * The real applets in jCardSim behind javax.smartcardio, wired to a real agent and a jPOS test host: a card
 * reader, a PSAM slot with the demo PSAM (terminal 123456789012), and issued demo cards to tap.
 */
public final class SimRig implements AutoCloseable {
    private static final AtomicInteger N = new AtomicInteger();
    public static final Set<String> FINAL = Set.of(
            "receipt", "loaded", "loadRefused", "error", "hotlisted", "blocked", "balance", "identity", "pinChanged");
    public final SimPersonaliser perso = SimPersonaliser.demo();
    public final SimulatorRegistry registry = new SimulatorRegistry();
    public final SimulatedReader cardReader;
    public final SimulatedCard psamCard;
    public final TestIsoHost host;
    public final Journal journal;
    public final Readers readers;
    public final TerminalAgent agent;
    private final BlockingQueue<AgentEvent> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<AgentEvent> removals = new LinkedBlockingQueue<>();
    private TapLoop loop;

    public SimRig() {
        this(TestIsoHost.start(), Journal.inMemory("rig" + N.incrementAndGet()));
    }

    public SimRig(TestIsoHost host, Journal journal) {
        this(host, journal, 300);
    }

    /** As above, with the uploader's interval between passes when nothing nudges it. */
    public SimRig(TestIsoHost host, Journal journal, long uploadIntervalMs) {
        this(host, journal, uploadIntervalMs, null);
    }

    /** A rig whose agent asks this server for social-security summaries (and lists); null for none. */
    public SimRig(org.citycard.agent.hotlist.ServerApi server) {
        this(TestIsoHost.start(), Journal.inMemory("rig" + N.incrementAndGet()), 300, server);
    }

    private SimRig(
            TestIsoHost host, Journal journal, long uploadIntervalMs, org.citycard.agent.hotlist.ServerApi server) {
        this.host = host;
        this.journal = journal;
        psamCard = perso.newPsam(PsamProfile.demo());
        registry.addReader("CityCard PSAM slot").insert(psamCard);
        cardReader = registry.addReader("CityCard contactless reader");
        readers = Readers.open(ReaderConfig.sim(), registry);
        agent = TerminalAgent.builder()
                .psam(readers.psam())
                .journal(journal)
                .iso(new IsoConfig("127.0.0.1", host.port(), Duration.ofSeconds(1), Duration.ofMillis(1500)))
                .uploadIntervalMs(uploadIntervalMs)
                .demoTerminalKey()
                .server(server)
                .build()
                .start();
        agent.events().subscribe(e -> {
            if (FINAL.contains(e.type())) {
                events.add(e);
            } else if (e.type().equals("removed")) {
                removals.add(e);
            }
        });
    }

    /** A new issued card with this ASN and balance (fen). */
    public SimulatedCard card(String asn, long balance) {
        return card(asn, balance, org.citycard.dictionary.crypto.Algorithm.TDES);
    }

    /**
     * A new issued card whose keys are of {@code algorithm} (CARD-SPEC §7), with this ASN and balance; the rig's
     * PSAM holds the keys of both algorithms.
     */
    public SimulatedCard card(String asn, long balance, org.citycard.dictionary.crypto.Algorithm algorithm) {
        SimPersonaliser p = SimPersonaliser.demo(algorithm);
        SimulatedCard c = p.newCitizenCard(CitizenProfile.demo(asn));
        if (balance > 0) {
            p.load(c, asn, balance, "999999999999");
        }
        return c;
    }

    /** A new issued 3DES card with this ASN and balance, valid (SFI 15 start and expiry dates) from start to expiry. */
    public SimulatedCard card(String asn, long balance, java.time.LocalDate start, java.time.LocalDate expiry) {
        CitizenProfile p = CitizenProfile.demo(asn).withValidity(start, expiry);
        SimPersonaliser perso = SimPersonaliser.demo();
        SimulatedCard c = perso.newCitizenCard(p);
        if (balance > 0) {
            perso.load(c, asn, balance, "999999999999");
        }
        return c;
    }

    /** Starts the tap loop (javax.smartcardio card-present detection). */
    public SimRig loop() {
        loop = readers.tapLoop(agent.taps()).start();
        return this;
    }

    /** Puts the card on the reader, waits for the tap's final event, takes the card away. */
    public AgentEvent tap(SimulatedCard card) throws InterruptedException {
        return tap(card, e -> true, 15_000);
    }

    /** As {@link #tap(SimulatedCard)}, keeping the card on the reader until an event the predicate accepts. */
    public AgentEvent tap(SimulatedCard card, Predicate<AgentEvent> until, long ms) throws InterruptedException {
        events.clear();
        removals.clear();
        cardReader.insert(card);
        AgentEvent e = waitFor(until, ms);
        cardReader.remove();
        if (loop != null) {
            removals.poll(5, TimeUnit.SECONDS); // the loop saw the card leave, as a person lifts it between taps
        }
        if (e == null) {
            throw new AssertionError("no result within " + ms + " ms of the tap");
        }
        return e;
    }

    /**
     * Puts the card on the reader and leaves it there (a kiosk's card slot holds it while the citizen reads the
     * screen): the tap's first event the predicate accepts. {@link #lift} takes it out.
     */
    public AgentEvent put(SimulatedCard card, Predicate<AgentEvent> until, long ms) throws InterruptedException {
        events.clear();
        removals.clear();
        cardReader.insert(card);
        AgentEvent e = waitFor(until, ms);
        if (e == null) {
            throw new AssertionError("no result within " + ms + " ms of the tap");
        }
        return e;
    }

    /** Takes the card off the reader and waits until the tap loop has seen it go (its "removed" event). */
    public void lift() throws InterruptedException {
        cardReader.remove();
        if (loop != null && removals.poll(5, TimeUnit.SECONDS) == null) {
            throw new AssertionError("the tap loop did not see the card leave within 5 s");
        }
    }

    /** A transport that can lose answers; {@link #andLose} adds a command whose answer never comes either. */
    public interface LosingTransport extends ApduTransport {
        default LosingTransport andLose(int ins) {
            return cmd -> {
                if ((cmd[1] & 0xFF) == ins) {
                    throw new CardLostException("injected: the card left before INS " + Integer.toHexString(ins));
                }
                return transmit(cmd);
            };
        }
    }

    /** A direct transport to a card, with a fault: the answer to commands with this INS is lost. */
    public static LosingTransport losing(SimulatedCard card, int ins, boolean cardExecutes, AtomicInteger times) {
        return cmd -> {
            if ((cmd[1] & 0xFF) == ins && times.getAndDecrement() > 0) {
                if (cardExecutes) {
                    card.transmit(cmd);
                }
                throw new CardLostException("injected: the answer to INS " + Integer.toHexString(ins) + " was lost");
            }
            return card.transmit(cmd);
        };
    }

    public static ApduTransport direct(SimulatedCard card) {
        return card::transmit;
    }

    public AgentEvent waitFor(Predicate<AgentEvent> p, long ms) throws InterruptedException {
        long deadline = System.currentTimeMillis() + ms;
        while (System.currentTimeMillis() < deadline) {
            AgentEvent e = events.poll(100, TimeUnit.MILLISECONDS);
            if (e != null && p.test(e)) {
                return e;
            }
        }
        return null;
    }

    public List<AgentEvent> drainEvents() {
        List<AgentEvent> out = new java.util.ArrayList<>();
        events.drainTo(out);
        return out;
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.close();
        }
        agent.close();
        readers.close();
        journal.close();
        host.close();
    }
}
