package org.citycard.agent.kiosk;

import java.lang.reflect.Method;
import java.util.Optional;

/** {@link CardSlot#simulatorDemo()}: SimulatorRegistry.demo()'s card reader, through reflection. */
final class SimulatorDemoSlot implements CardSlot {
    private static final String REGISTRY = "org.citycard.applet.sim.SimulatorRegistry";
    private final Object reader;
    private final Method remove;
    private final Method insert;
    private final Method isPresent;
    private Object takenOut;

    SimulatorDemoSlot() {
        try {
            Class<?> registryClass = Class.forName(REGISTRY);
            Object registry = registryClass.getMethod("demo").invoke(null);
            String name = (String) registryClass.getField("DEMO_CARD_READER").get(null);
            Optional<?> r = (Optional<?>)
                    registryClass.getMethod("reader", String.class).invoke(registry, name);
            this.reader = r.orElseThrow(() -> new IllegalStateException("the simulator has no reader " + name));
            this.remove = reader.getClass().getMethod("remove");
            this.isPresent = reader.getClass().getMethod("isCardPresent");
            Method in = null;
            for (Method m : reader.getClass().getMethods()) {
                if (m.getName().equals("insert") && m.getParameterCount() == 1) {
                    in = m;
                }
            }
            this.insert = in;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "--reader sim needs the card simulator (module card-os-applets) on the class path: " + e, e);
        }
    }

    @Override
    public synchronized boolean present() {
        try {
            return (Boolean) isPresent.invoke(reader);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the simulated reader did not answer: " + e, e);
        }
    }

    @Override
    public synchronized void remove() {
        try {
            Optional<?> card = (Optional<?>) remove.invoke(reader);
            if (card.isPresent()) {
                takenOut = card.get();
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the simulated card could not be taken out: " + e, e);
        }
    }

    @Override
    public synchronized void insert() {
        if (takenOut == null || present()) {
            return;
        }
        try {
            insert.invoke(reader, takenOut);
            takenOut = null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the simulated card could not be put back: " + e, e);
        }
    }
}
