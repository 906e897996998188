package org.citycard.cardlink.pcsc;

/**
 * Which readers the agent uses. A selector matches a reader by name (a case-insensitive part of it), by ATR
 * ("atr:3B8F80…", a hex prefix) or, for the PSAM slot, by the AID its card answers SELECT for ("aid:F043…").
 *
 * @param provider "pcsc" for the machine's PC/SC stack (the default), "sim" for in-process simulated cards
 * @param cardReader selector of the contactless reader where citizens tap; empty: the first reader that is not
 *     the PSAM slot
 * @param psamReader selector of the PSAM slot; empty: the reader whose card answers the PSAM AID
 * @param simProviderClass the java.security.Provider class of the simulator, loaded by name for "sim"
 */
public record ReaderConfig(String provider, String cardReader, String psamReader, String simProviderClass) {
    public static final String DEFAULT_SIM_PROVIDER = "org.citycard.applet.sim.SimulatorProvider";

    public ReaderConfig {
        provider = provider == null || provider.isBlank() ? "pcsc" : provider.toLowerCase(java.util.Locale.ROOT);
        if (!provider.equals("pcsc") && !provider.equals("sim")) {
            throw new IllegalArgumentException("reader provider '" + provider + "': use pcsc (the default) or sim");
        }
        cardReader = cardReader == null ? "" : cardReader;
        psamReader = psamReader == null ? "" : psamReader;
        simProviderClass =
                simProviderClass == null || simProviderClass.isBlank() ? DEFAULT_SIM_PROVIDER : simProviderClass;
    }

    public static ReaderConfig pcsc() {
        return new ReaderConfig("pcsc", "", "", null);
    }

    public static ReaderConfig sim() {
        return new ReaderConfig("sim", "", "", null);
    }
}
