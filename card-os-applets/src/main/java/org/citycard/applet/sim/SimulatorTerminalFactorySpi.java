package org.citycard.applet.sim;

import javax.smartcardio.CardTerminals;
import javax.smartcardio.TerminalFactorySpi;

/** The {@code TerminalFactory} behind {@link SimulatorProvider}; instantiated by the JDK with the parameters. */
public final class SimulatorTerminalFactorySpi extends TerminalFactorySpi {
    /** The one parameter string the factory understands besides null and a registry. */
    public static final String DEMO = "demo";

    private final SimulatorRegistry registry;

    public SimulatorTerminalFactorySpi(Object params) {
        if (params == null) {
            registry = SimulatorRegistry.global();
        } else if (params instanceof SimulatorRegistry r) {
            registry = r;
        } else if (DEMO.equals(params)) {
            registry = SimulatorRegistry.demo();
        } else {
            throw new IllegalArgumentException("TerminalFactory " + SimulatorProvider.TYPE + " takes null, a "
                    + "SimulatorRegistry or \"" + DEMO + "\" as parameters, not " + params);
        }
    }

    @Override
    protected CardTerminals engineTerminals() {
        return registry.terminals();
    }
}
