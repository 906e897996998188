package org.citycard.applet.sim;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.smartcardio.CardTerminals;

/**
 * A set of simulated readers, the ones a {@code TerminalFactory} of type {@value SimulatorProvider#TYPE} lists.
 * {@link #global()} is the set behind a factory made with {@code null} parameters; {@link #demo()} is a ready
 * set-up with a personalised demo citizen card and a demo PSAM.
 */
public final class SimulatorRegistry {
    /** The reader of the demo citizen card. */
    public static final String DEMO_CARD_READER = "CityCard Sim Card Reader 0";
    /** The reader of the demo PSAM. */
    public static final String DEMO_PSAM_READER = "CityCard Sim PSAM Reader 0";
    /** The balance the demo citizen card starts with, in fen. */
    public static final long DEMO_BALANCE = 10_000;

    private static final SimulatorRegistry GLOBAL = new SimulatorRegistry();

    private final List<SimulatedReader> readers = new CopyOnWriteArrayList<>();

    /** The JVM-wide set of readers (initially empty). */
    public static SimulatorRegistry global() {
        return GLOBAL;
    }

    /**
     * The JVM-wide demo set-up, made on first use: reader {@value #DEMO_CARD_READER} with the demo citizen card
     * ({@link CitizenProfile#demo()}, PIN 123456, balance {@value #DEMO_BALANCE} fen) and reader
     * {@value #DEMO_PSAM_READER} with the PSAM of terminal 123456789012; demo key set.
     */
    public static SimulatorRegistry demo() {
        return DemoHolder.DEMO;
    }

    private static final class DemoHolder {
        static final SimulatorRegistry DEMO = createDemo();

        private static SimulatorRegistry createDemo() {
            SimPersonaliser personaliser = SimPersonaliser.demo();
            SimulatorRegistry demo = new SimulatorRegistry();
            SimulatedCard card = personaliser.newCitizenCard(CitizenProfile.demo());
            personaliser.load(card, CitizenProfile.DEMO_ASN, DEMO_BALANCE, PsamProfile.DEMO_TERMINAL_ID);
            demo.addReader(DEMO_CARD_READER).insert(card);
            demo.addReader(DEMO_PSAM_READER).insert(personaliser.newPsam(PsamProfile.demo()));
            return demo;
        }
    }

    /** Creates and adds an empty reader. */
    public SimulatedReader addReader(String name) {
        SimulatedReader reader = new SimulatedReader(name);
        add(reader);
        return reader;
    }

    /**
     * Adds a reader.
     *
     * @throws IllegalArgumentException when a reader of that name is already here
     */
    public synchronized void add(SimulatedReader reader) {
        if (reader(reader.getName()).isPresent()) {
            throw new IllegalArgumentException("a reader named \"" + reader.getName() + "\" is already registered");
        }
        readers.add(reader);
        PresenceEvents.changed();
    }

    /** Removes a reader (its card stays in it). */
    public void remove(SimulatedReader reader) {
        if (readers.remove(reader)) {
            PresenceEvents.changed();
        }
    }

    /** The readers, in the order they were added. */
    public List<SimulatedReader> readers() {
        return List.copyOf(readers);
    }

    public Optional<SimulatedReader> reader(String name) {
        return readers.stream().filter(r -> r.getName().equals(name)).findFirst();
    }

    /** A fresh {@code CardTerminals} view of these readers (it keeps its own waitForChange state). */
    public CardTerminals terminals() {
        return new SimulatedTerminals(this);
    }

    @Override
    public String toString() {
        return "SimulatorRegistry" + readers;
    }
}
