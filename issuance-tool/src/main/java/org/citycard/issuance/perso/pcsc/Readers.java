package org.citycard.issuance.perso.pcsc;

import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.util.List;
import java.util.Optional;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;
import org.citycard.issuance.perso.CardConnection;
import org.citycard.issuance.perso.CardTransport;

/**
 * Card readers through {@code javax.smartcardio}: the system's PC/SC readers, or the CityCard simulator's readers.
 * The simulator is reached at run time by the class name of its provider ({@value #SIMULATOR_PROVIDER}, module
 * card-os-applets), so the tool does not depend on the applets to compile. This package is the only one that
 * imports {@code javax.smartcardio}.
 */
public final class Readers {
    /** The simulator's {@link Provider}, registering TerminalFactory type {@value #SIMULATOR_TYPE}. */
    public static final String SIMULATOR_PROVIDER = "org.citycard.applet.sim.SimulatorProvider";

    public static final String SIMULATOR_TYPE = "CityCardSim";

    private final TerminalFactory factory;

    private Readers(TerminalFactory factory) {
        this.factory = factory;
    }

    /** The system's PC/SC readers. */
    public static Readers pcsc() {
        return new Readers(TerminalFactory.getDefault());
    }

    /**
     * The simulator's readers.
     *
     * @param registry null for the JVM-wide registry, "demo" for the demo registry, or a registry object
     * @throws IllegalStateException when the simulator is not on the class path
     */
    public static Readers simulator(Object registry) {
        try {
            Provider p = (Provider)
                    Class.forName(SIMULATOR_PROVIDER).getDeclaredConstructor().newInstance();
            return new Readers(TerminalFactory.getInstance(SIMULATOR_TYPE, registry, p));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(
                    "the card simulator (" + SIMULATOR_PROVIDER + ", module card-os-applets) is "
                            + "not on the class path: give a PC/SC reader, or run where the simulator is (the demo,"
                            + " the system tests, the benchmark)");
        } catch (NoSuchAlgorithmException | ReflectiveOperationException e) {
            throw new IllegalStateException("the card simulator cannot be started: " + e.getMessage(), e);
        }
    }

    /** The names of the readers. */
    public List<String> names() {
        return terminals().stream().map(CardTerminal::getName).toList();
    }

    private List<CardTerminal> terminals() {
        try {
            return factory.terminals().list();
        } catch (CardException e) {
            throw new IllegalStateException(
                    "cannot list the card readers (" + factory.getType() + "): " + e.getMessage(), e);
        }
    }

    /** A reader by name; a unique prefix or substring of the name is enough. */
    public CardTerminal terminal(String name) {
        List<CardTerminal> all = terminals();
        Optional<CardTerminal> exact =
                all.stream().filter(t -> t.getName().equals(name)).findFirst();
        if (exact.isPresent()) {
            return exact.get();
        }
        List<CardTerminal> like =
                all.stream().filter(t -> t.getName().contains(name)).toList();
        if (like.size() == 1) {
            return like.get(0);
        }
        throw new IllegalArgumentException("reader '" + name + "' " + (like.isEmpty() ? "not found" : "is ambiguous")
                + "; readers: " + all.stream().map(CardTerminal::getName).toList());
    }

    /** Connects to the card in a reader. */
    public static CardConnection connect(CardTerminal terminal) {
        try {
            Card card = terminal.connect("*");
            CardTransport t = new PcscTransport(card.getBasicChannel());
            return new CardConnection() {
                @Override
                public CardTransport transport() {
                    return t;
                }

                @Override
                public String reader() {
                    return terminal.getName();
                }

                @Override
                public void close() {
                    try {
                        card.disconnect(true);
                    } catch (CardException | IllegalStateException ignored) {
                        // the card is gone already
                    }
                }
            };
        } catch (CardException e) {
            throw new IllegalStateException("no card in reader " + terminal.getName() + ": " + e.getMessage(), e);
        }
    }
}
