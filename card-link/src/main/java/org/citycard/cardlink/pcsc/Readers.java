package org.citycard.cardlink.pcsc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;
import org.citycard.cardlink.ApduTransport;
import org.citycard.cardlink.CardLostException;
import org.citycard.cardlink.command.SelectApplication;
import org.citycard.dictionary.Dictionary;

/**
 * The agent's readers through javax.smartcardio (the only package that imports it): the machine's PC/SC stack,
 * or the simulator's TerminalFactory ("CityCardSim", provider loaded by class name at run time). Resolves the
 * card reader and the PSAM slot by the selectors of {@link ReaderConfig}, and re-resolves them when a reader
 * disappears, so a reader unplugged and plugged back is used again without a restart.
 */
public final class Readers implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Readers.class.getName());
    private final ReaderConfig config;
    private volatile TerminalFactory factory;
    private final Object psamLock = new Object();
    private SmartcardioTransport psam;
    private String psamName;
    private volatile String cardReaderInUse;

    private final Object simParameters;

    private Readers(ReaderConfig config, Object simParameters) {
        this.config = config;
        this.simParameters = simParameters;
        this.factory = newFactory();
    }

    /** The readers of the configuration; with {@code --reader sim} the simulator's demo readers. */
    public static Readers open(ReaderConfig config) {
        return new Readers(config, "demo");
    }

    /**
     * With {@code --reader sim}: the simulator's TerminalFactory with these parameters ("demo", null for the
     * JVM-wide registry, or a registry instance from a test or the simulation).
     */
    public static Readers open(ReaderConfig config, Object simParameters) {
        return new Readers(config, simParameters);
    }

    /** The machine's PC/SC readers, with no card reader or PSAM slot chosen (the issuance tool's desk reader). */
    public static Readers pcsc() {
        return open(ReaderConfig.pcsc(), null);
    }

    /**
     * The simulator's readers.
     *
     * @param registry null for the JVM-wide registry, "demo" for the demo registry, or a registry object
     * @throws IllegalStateException when the simulator is not on the class path
     */
    public static Readers simulator(Object registry) {
        return open(ReaderConfig.sim(), registry);
    }

    /** The names of the readers attached now. */
    public List<String> names() {
        return terminals().stream().map(CardTerminal::getName).toList();
    }

    /** A reader by name; a unique part of the name is enough. */
    public Slot slot(String name) {
        List<CardTerminal> all = terminals();
        for (CardTerminal t : all) {
            if (t.getName().equals(name)) {
                return Slot.of(t);
            }
        }
        List<CardTerminal> like =
                all.stream().filter(t -> t.getName().contains(name)).toList();
        if (like.size() == 1) {
            return Slot.of(like.get(0));
        }
        throw new IllegalArgumentException("reader '" + name + "' " + (like.isEmpty() ? "not found" : "is ambiguous")
                + "; readers: " + all.stream().map(CardTerminal::getName).toList());
    }

    public ReaderConfig config() {
        return config;
    }

    private TerminalFactory newFactory() {
        try {
            if (config.provider().equals("sim")) {
                Provider p = Security.getProvider("CityCardSim");
                if (p == null) {
                    p = (Provider) Class.forName(config.simProviderClass())
                            .getDeclaredConstructor()
                            .newInstance();
                    Security.addProvider(p);
                }
                return TerminalFactory.getInstance("CityCardSim", simParameters, p);
            }
            pointAtPcscLibrary();
            return TerminalFactory.getInstance("PC/SC", null);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(
                    "--reader sim needs the simulator on the class path (module " + "card-os-applets, class "
                            + config.simProviderClass() + ")",
                    e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "cannot start the card simulator " + config.simProviderClass() + ": " + e, e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(
                    config.provider().equals("sim")
                            ? "the simulator provider registers no TerminalFactory CityCardSim"
                            : "no PC/SC stack: install pcscd (Debian: apt-get install pcscd) or use --reader sim",
                    e);
        }
    }

    /** Debian keeps libpcsclite under the multiarch directory, where older JDKs do not look. */
    private static void pointAtPcscLibrary() {
        if (System.getProperty("sun.security.smartcardio.library") != null) {
            return;
        }
        for (String dir : new String[] {
            "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/lib/x86_64-linux-gnu"
        }) {
            Path lib = Path.of(dir, "libpcsclite.so.1");
            if (Files.exists(lib)) {
                System.setProperty("sun.security.smartcardio.library", lib.toString());
                return;
            }
        }
    }

    /** The readers attached now; an empty list when the PC/SC service has none or is not running. */
    public List<CardTerminal> terminals() {
        try {
            return factory.terminals().list();
        } catch (CardException e) {
            // the PC/SC context may be stale after the service restarted: start a new one next time
            factory = newFactory();
            return List.of();
        }
    }

    public List<ReaderInfo> list() {
        List<ReaderInfo> out = new ArrayList<>();
        CardTerminal psamSlot = psamName == null ? resolvePsamTerminal() : null;
        String psamSlotName = psamName != null ? psamName : psamSlot == null ? null : psamSlot.getName();
        String cardSlotName = null;
        for (CardTerminal t : terminals()) {
            if (!t.getName().equals(psamSlotName)
                    && (config.cardReader().isEmpty() ? !matchesPsam(t) : matchesCard(t))) {
                cardSlotName = t.getName();
                break;
            }
        }
        for (CardTerminal t : terminals()) {
            boolean present = false;
            String atr = "";
            try {
                present = t.isCardPresent();
                if (present) {
                    Card c = t.connect("*");
                    atr = HexFormat.of().withUpperCase().formatHex(c.getATR().getBytes());
                    c.disconnect(false);
                }
            } catch (CardException e) {
                atr = "(" + e.getMessage() + ")";
            }
            String role =
                    t.getName().equals(psamSlotName) ? "psam" : t.getName().equals(cardSlotName) ? "card" : "";
            out.add(new ReaderInfo(t.getName(), present, atr, role));
        }
        return out;
    }

    private boolean matchesCard(CardTerminal t) {
        return !config.cardReader().isEmpty() && matches(t, config.cardReader(), false);
    }

    private boolean matchesPsam(CardTerminal t) {
        return !config.psamReader().isEmpty() && matches(t, config.psamReader(), true);
    }

    private boolean matches(CardTerminal t, String selector, boolean psamSlot) {
        String s = selector.trim();
        try {
            if (s.regionMatches(true, 0, "atr:", 0, 4)) {
                if (!t.isCardPresent()) {
                    return false;
                }
                Card c = t.connect("*");
                String atr = HexFormat.of().withUpperCase().formatHex(c.getATR().getBytes());
                c.disconnect(false);
                return atr.startsWith(s.substring(4).toUpperCase(Locale.ROOT).replace(" ", ""));
            }
            if (s.regionMatches(true, 0, "aid:", 0, 4)) {
                return answersAid(t, HexFormat.of().parseHex(s.substring(4).replace(" ", "")));
            }
        } catch (CardException | RuntimeException e) {
            return false;
        }
        return t.getName().toLowerCase(Locale.ROOT).contains(s.toLowerCase(Locale.ROOT));
    }

    private static boolean answersAid(CardTerminal t, byte[] aid) throws CardException {
        if (!t.isCardPresent()) {
            return false;
        }
        Card c = t.connect("*");
        try {
            SelectApplication.send(new SmartcardioTransport(c, t.getName()), aid);
            return true;
        } catch (RuntimeException e) {
            return false;
        } finally {
            c.disconnect(false);
        }
    }

    /** The PSAM slot: by selector, else the reader whose card answers the PSAM AID. */
    CardTerminal resolvePsamTerminal() {
        List<CardTerminal> all = terminals();
        if (!config.psamReader().isEmpty()) {
            return all.stream().filter(this::matchesPsam).findFirst().orElse(null);
        }
        byte[] aid = Dictionary.standard().application("psam").aidBytes();
        for (CardTerminal t : all) {
            if (t.getName().equals(cardReaderInUse)) {
                continue; // probing it would reset the citizen's card in the middle of a tap
            }
            try {
                if (answersAid(t, aid)) {
                    return t;
                }
            } catch (CardException e) {
                // not this one
            }
        }
        return null;
    }

    /** The card reader: by selector, else the first reader that is not the PSAM slot. */
    CardTerminal resolveCardTerminal() {
        for (CardTerminal t : terminals()) {
            if (t.getName().equals(psamName)) {
                continue;
            }
            if (config.cardReader().isEmpty() ? !matchesPsam(t) : matchesCard(t)) {
                cardReaderInUse = t.getName();
                return t;
            }
        }
        return null;
    }

    /**
     * The PSAM's transport, connected on first use and reconnected when the PSAM slot went away; every command
     * goes through this object so the PSAM sees one session at a time.
     */
    public ApduTransport psam() {
        return command -> {
            synchronized (psamLock) {
                for (int attempt = 0; ; attempt++) {
                    try {
                        if (psam == null) {
                            connectPsam();
                        }
                        return psam.transmit(command);
                    } catch (CardLostException e) {
                        if (psam != null) {
                            psam.disconnect();
                        }
                        psam = null;
                        if (attempt >= 1) {
                            throw e;
                        }
                    }
                }
            }
        };
    }

    /** The terminal name of the PSAM slot in use, once connected. */
    public String psamReaderName() {
        return psamName;
    }

    private void connectPsam() {
        CardTerminal t = resolvePsamTerminal();
        if (t == null) {
            throw new CardLostException("no PSAM found: no reader "
                    + (config.psamReader().isEmpty()
                            ? "holds a card answering the PSAM AID"
                            : "matches '" + config.psamReader() + "'")
                    + "; check `agent readers` and --psam-reader");
        }
        try {
            Card c = t.connect("*");
            psam = new SmartcardioTransport(c, t.getName());
            psamName = t.getName();
            SelectApplication.send(
                    psam, Dictionary.standard().application("psam").aidBytes());
            LOG.log(System.Logger.Level.INFO, "PSAM slot: {0}", psamName);
        } catch (CardException e) {
            throw new CardLostException("cannot connect to the PSAM in " + t.getName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Connects to the card on the card reader now, without the tap loop (benchmarks, one-off reads).
     *
     * @throws CardLostException when no card reader or no card is there
     */
    public Tap connectCard() {
        CardTerminal t = resolveCardTerminal();
        if (t == null) {
            throw new CardLostException("no card reader found; check `agent readers` and --card-reader");
        }
        try {
            SmartcardioTransport s = connect(t);
            return new Tap(s, s.atrHex(), t.getName());
        } catch (CardException e) {
            throw new CardLostException("no card on " + t.getName() + ": " + e.getMessage(), e);
        }
    }

    /** Starts the tap loop on its own thread. */
    public TapLoop tapLoop(TapHandler handler) {
        return new TapLoop(this, handler);
    }

    static SmartcardioTransport connect(CardTerminal t) throws CardException {
        return new SmartcardioTransport(t.connect("*"), t.getName());
    }

    @Override
    public void close() {
        synchronized (psamLock) {
            if (psam != null) {
                psam.disconnect();
                psam = null;
            }
        }
    }
}
