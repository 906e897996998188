package org.citycard.applet.sim;

import java.security.Provider;

/**
 * A {@code java.security.Provider} with one {@code TerminalFactory} type, {@value #TYPE}, whose terminals are
 * simulated readers. Other modules need no compile-time dependency on this one:
 *
 * <pre>{@code
 * Provider p = (Provider) Class.forName("org.citycard.applet.sim.SimulatorProvider")
 *         .getDeclaredConstructor().newInstance();
 * TerminalFactory f = TerminalFactory.getInstance("CityCardSim", "demo", p);
 * List<CardTerminal> readers = f.terminals().list();
 * }</pre>
 *
 * Parameters: {@code null} for {@link SimulatorRegistry#global()}, a {@link SimulatorRegistry}, or the string
 * {@code "demo"} for {@link SimulatorRegistry#demo()}.
 */
public final class SimulatorProvider extends Provider {
    private static final long serialVersionUID = 1L;

    /** The provider's name. */
    public static final String NAME = "CityCardSim";
    /** The TerminalFactory type. */
    public static final String TYPE = "CityCardSim";

    public SimulatorProvider() {
        super(NAME, "1.0", "CityCard simulated card readers: the real applets in jCardSim");
        put("TerminalFactory." + TYPE, SimulatorTerminalFactorySpi.class.getName());
    }
}
