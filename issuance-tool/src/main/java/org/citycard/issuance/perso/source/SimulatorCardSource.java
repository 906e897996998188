package org.citycard.issuance.perso.source;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.citycard.cardlink.CardConnection;
import org.citycard.cardlink.pcsc.Slot;
import org.citycard.issuance.perso.CardSource;

/**
 * Blank simulated cards (module card-os-applets, reached by class name at run time) fed into a simulated reader, as
 * a card printer's encoder would: a new blank citizen card or PSAM, made with the batch's transport key, whenever the
 * reader is empty. Finished cards are taken out and kept ({@link #finished}); a card that failed stays in the reader
 * for the resumed run.
 */
public final class SimulatorCardSource implements CardSource {
    private static final String CARD_CLASS = "org.citycard.applet.sim.SimulatedCard";
    private static final String REGISTRY_CLASS = "org.citycard.applet.sim.SimulatorRegistry";

    private final Object reader;
    private final Slot slot;
    private final byte[] transportKey;
    private final boolean psam;
    private final List<Object> finished = new ArrayList<>();

    private SimulatorCardSource(Object reader, byte[] transportKey, boolean psam) {
        this.reader = reader;
        this.slot = Slot.of(reader);
        this.transportKey = transportKey.clone();
        this.psam = psam;
    }

    /** A simulated reader of the JVM-wide simulator registry (made when missing), fed with blank cards. */
    public static SimulatorCardSource citizenCards(String readerName, byte[] transportKey) {
        return new SimulatorCardSource(globalReader(readerName), transportKey, false);
    }

    public static SimulatorCardSource psams(String readerName, byte[] transportKey) {
        return new SimulatorCardSource(globalReader(readerName), transportKey, true);
    }

    private static Object globalReader(String name) {
        try {
            Object registry = Class.forName(REGISTRY_CLASS).getMethod("global").invoke(null);
            Optional<?> existing = (Optional<?>)
                    registry.getClass().getMethod("reader", String.class).invoke(registry, name);
            if (existing.isPresent()) {
                return existing.get();
            }
            return registry.getClass().getMethod("addReader", String.class).invoke(registry, name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(
                    "the card simulator (module card-os-applets) is not on the class path: give a "
                            + "PC/SC reader, or run where the simulator is (the demo, the system tests, the benchmark)");
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the card simulator cannot be used: " + e, e);
        }
    }

    /** The simulated reader ({@code org.citycard.applet.sim.SimulatedReader}). */
    public Object reader() {
        return reader;
    }

    @Override
    public CardConnection present(String what) {
        try {
            Method card = reader.getClass().getMethod("card");
            if (((Optional<?>) card.invoke(reader)).isEmpty()) {
                Class<?> cardClass = Class.forName(CARD_CLASS);
                Object blank = cardClass
                        .getMethod(psam ? "psam" : "citizen", byte[].class)
                        .invoke(null, (Object) transportKey);
                reader.getClass().getMethod("insert", cardClass).invoke(reader, blank);
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the card simulator cannot make a blank card: " + e, e);
        }
        return slot.connect();
    }

    @Override
    public void done(CardConnection connection, boolean ok) {
        connection.close();
        if (ok) {
            try {
                ((Optional<?>) reader.getClass().getMethod("remove").invoke(reader)).ifPresent(finished::add);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("the card simulator cannot take the card out: " + e, e);
            }
        }
    }

    /** The finished simulated cards, in the order they were made. */
    public List<Object> finished() {
        return List.copyOf(finished);
    }
}
