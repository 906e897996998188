package org.citycard.applet.tearing;

import com.licel.jcardsim.base.Simulator;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import javacard.framework.AID;
import org.citycard.applet.CardConstants;
import org.citycard.cardlink.ApduTransport;

/**
 * A simulated card whose applets run instrumented ({@link InstrumentedApplets}) on a {@link CardMemory}: jCardSim
 * for APDUs, crypto and the applet registry, this runtime for what power loss does to memory. A test can count the
 * persistent writes of what it sends ({@link #startCounting()}, {@link #writes()}), tear the card at any of them
 * ({@link #armTear(long)}), {@link #powerCycle()} it — applet instances and their persistent state stay, RAM is
 * cleared, an interrupted transaction is rolled back — and bring it back to a {@link #checkpoint()} as often as it
 * needs. Implements {@link ApduTransport}, so {@code SimPersonaliser} and terminal code drive it like any card.
 */
public final class TearableCard implements ApduTransport {
    /** An applet to install: instance AID, class name in the instrumented packages, install parameters. */
    public record Installation(byte[] aid, String appletClass, byte[] parameters) {
        /**
         * GlobalPlatform install parameters as CityCard's applets read them: instance AID, no control information,
         * applet data = the transport key (none: no applet data, and the applets refuse personalisation).
         */
        public static Installation globalPlatform(byte[] aid, String appletClass, byte[] transportKey) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(aid.length);
            out.writeBytes(aid);
            out.write(0);
            out.write(transportKey == null ? 0 : transportKey.length);
            if (transportKey != null) {
                out.writeBytes(transportKey);
            }
            return new Installation(aid.clone(), appletClass, out.toByteArray());
        }
    }

    /** One command the card received since counting started: which writes it made, and whether it was torn. */
    public record CommandWrites(String selectedAid, byte[] command, long firstWrite, long writes, boolean torn) {
        /** True when write number {@code k} of the count happened (or tore) during this command. */
        public boolean contains(long k) {
            return k >= firstWrite && k < firstWrite + writes + (torn ? 1 : 0);
        }
    }

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final String label;
    private final TearingRuntime runtime = new TearingRuntime();
    private final Simulator simulator = new IsolatedSimulator(runtime);
    private final CardMemory memory = runtime.memory();
    private final List<CommandWrites> log = new ArrayList<>();
    private String selectedAid;
    private CommandWrites tornCommand;

    private TearableCard(InstrumentedApplets applets, String label, List<Installation> installations) {
        this.label = label;
        runtime.activate();
        for (Installation i : installations) {
            byte[] p = i.parameters();
            simulator.installApplet(
                    new AID(i.aid(), (short) 0, (byte) i.aid().length),
                    applets.appletClass(i.appletClass()),
                    p,
                    (short) 0,
                    (byte) p.length);
        }
    }

    /** Installs these applets, in this order, from {@code applets}. */
    public static TearableCard of(InstrumentedApplets applets, String label, Installation... installations) {
        return new TearableCard(applets, label, List.of(installations));
    }

    /** A blank citizen card (purse, then SSSE) with the demo transport key, running the real applets instrumented. */
    public static TearableCard citizen() {
        return citizen(InstrumentedApplets.citycard());
    }

    /** A blank citizen card with the purse and SSSE classes of {@code applets} (for instance a broken variant). */
    public static TearableCard citizen(InstrumentedApplets applets) {
        return of(
                applets,
                "citizen",
                Installation.globalPlatform(
                        CardConstants.AID_PURSE, InstrumentedApplets.PURSE_APPLET, CardConstants.DEMO_TRANSPORT_KEY),
                Installation.globalPlatform(
                        CardConstants.AID_SSSE, InstrumentedApplets.SSSE_APPLET, CardConstants.DEMO_TRANSPORT_KEY));
    }

    /** A blank PSAM with the demo transport key, running the real applet instrumented. */
    public static TearableCard psam() {
        return of(
                InstrumentedApplets.citycard(),
                "psam",
                Installation.globalPlatform(
                        CardConstants.AID_PSAM, InstrumentedApplets.PSAM_APPLET, CardConstants.DEMO_TRANSPORT_KEY));
    }

    /**
     * Sends one command APDU and returns data ‖ SW1 SW2.
     *
     * @throws CardTornException when the armed tear happens during this command, or when the card has had no power
     *     since a tear (call {@link #powerCycle()})
     * @throws IllegalStateException when the applet wrote persistent memory in a way the model cannot follow
     */
    @Override
    public synchronized byte[] transmit(byte[] command) {
        if (memory.tear() != null) {
            throw new CardTornException(memory.tear());
        }
        long first = memory.writes() + 1;
        byte[] response;
        try {
            response = simulator.transmitCommand(command.clone());
        } catch (Tear tear) { // torn outside process(), where jCardSim does not catch (deselect of the last applet)
            response = null;
        }
        IllegalStateException unmodelled = memory.takeUnmodelled();
        if (unmodelled != null) {
            throw unmodelled;
        }
        Tear tear = memory.tear();
        log.add(new CommandWrites(selectedAid, command.clone(), first, writes() - first + 1, tear != null));
        if (tear != null) {
            tornCommand = log.get(log.size() - 1);
            throw new CardTornException(tear);
        }
        memory.endOfCommand();
        trackSelection(command, response);
        return response;
    }

    private void trackSelection(byte[] command, byte[] response) {
        if (command.length > 5 && command[1] == (byte) 0xA4 && command[2] == 0x04) {
            int sw = (response[response.length - 2] & 0xFF) << 8 | response[response.length - 1] & 0xFF;
            if (sw == 0x9000 || sw == 0x6283) {
                selectedAid = HEX.formatHex(command, 5, 5 + (command[4] & 0xFF));
            }
        }
    }

    /**
     * Power off and on: an interrupted transaction is rolled back, RAM (transient arrays and keys, the selection,
     * the PIN's "verified") is cleared, applet instances and their persistent state stay. Clears a tear.
     */
    public synchronized void powerCycle() {
        memory.powerUp();
        simulator.reset();
        selectedAid = null;
    }

    /** Starts counting persistent writes from zero, with no tear armed; the command log restarts too. */
    public synchronized void startCounting() {
        memory.count(0);
        log.clear();
    }

    /** Starts counting from zero and arms a tear at write {@code k} (1 = the next persistent write). */
    public synchronized void armTear(long k) {
        if (k < 1) {
            throw new IllegalArgumentException("a tear is armed at write 1 or later, not " + k);
        }
        memory.count(k);
        log.clear();
        tornCommand = null;
    }

    /** The command during which the last armed tear happened; null before any, and after {@link #restore()}. */
    public synchronized CommandWrites tornCommand() {
        return tornCommand;
    }

    /** Persistent writes since counting started (the torn write is not counted). */
    public synchronized long writes() {
        return memory.tear() == null ? memory.writes() : memory.writes() - 1;
    }

    /** The commands since counting started, with their writes. */
    public synchronized List<CommandWrites> commandLog() {
        return List.copyOf(log);
    }

    /**
     * Power-cycles the card and starts recording what every persistent write overwrites, so that {@link #restore()}
     * can bring this exact state back. One checkpoint at a time; {@link #release()} ends it.
     */
    public synchronized void checkpoint() {
        powerCycle();
        memory.checkpoint();
    }

    /** Back to the state of the checkpoint, freshly powered; the checkpoint stays for the next restore. */
    public synchronized void restore() {
        memory.powerUp();
        memory.restore();
        simulator.reset();
        selectedAid = null;
        memory.count(0);
        log.clear();
        tornCommand = null;
    }

    /** Ends the checkpoint (the card keeps its current state). */
    public synchronized void release() {
        memory.release();
    }

    /**
     * The next random bytes the applets draw (GET CHALLENGE, INITIALIZE's random) are {@code bytes}: a known-answer
     * test gives the card the vector's random.
     */
    public void scriptRandom(byte[] bytes) {
        memory.scriptRandom(bytes);
    }

    /** The memory model: what is transient, whether a transaction is open. */
    public CardMemory memory() {
        return memory;
    }

    @Override
    public String toString() {
        return "TearableCard[" + label + ", " + memory.writes() + " writes counted"
                + (memory.tear() == null
                        ? ""
                        : ", torn at write " + memory.tear().write()) + "]";
    }

    /** jCardSim's simulator on a given runtime, without the applets system properties may name. */
    private static final class IsolatedSimulator extends Simulator {
        IsolatedSimulator(TearingRuntime runtime) {
            super(runtime, new Properties());
        }
    }
}
