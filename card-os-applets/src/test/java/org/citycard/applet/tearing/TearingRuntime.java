package org.citycard.applet.tearing;

import org.citycard.applet.sim.CityCardRuntime;

/** The simulator's runtime with the card memory model the instrumented applets report to. */
final class TearingRuntime extends CityCardRuntime {
    private final CardMemory memory = new CardMemory();

    CardMemory memory() {
        return memory;
    }

    /** Makes this the thread's current jCardSim runtime, so that the hooks find this card's memory. */
    void activate() {
        activateSimulatorRuntimeInstance();
    }
}
