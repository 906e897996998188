package org.citycard.applet.sim;

import com.licel.jcardsim.base.Simulator;
import com.licel.jcardsim.base.SimulatorRuntime;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import javacard.framework.AID;
import javacard.framework.Applet;
import org.citycard.applet.CardConstants;
import org.citycard.applet.psam.PsamApplet;
import org.citycard.applet.purse.PurseApplet;
import org.citycard.applet.ssse.SsseApplet;
import org.citycard.cardlink.ApduTransport;

/**
 * One simulated smart card running the real CityCard applets in its own jCardSim runtime: a citizen card (SSSE +
 * purse) or a PSAM. Fresh cards are in PERSONALIZATION with the transport key given (the demo transport key
 * without one); {@link SimPersonaliser} personalises them. {@link #reset()} is a power cycle: RAM state (PIN
 * verified, sessions, challenges) is lost, persistent state stays. Thread-safe: one APDU at a time.
 */
public final class SimulatedCard implements ApduTransport {
    /** What is on the card. */
    public enum Kind {
        /** SSSE and e-purse applets. */
        CITIZEN,
        /** PSAM applet. */
        PSAM
    }

    private static final AtomicInteger SERIAL = new AtomicInteger();

    private final Kind kind;
    private final String label;
    private final Simulator simulator;

    private SimulatedCard(Kind kind, byte[] transportKey) {
        this.kind = kind;
        this.label = kind.name().toLowerCase(java.util.Locale.ROOT) + "-" + SERIAL.incrementAndGet();
        this.simulator = new IsolatedSimulator(new CityCardRuntime());
        if (kind == Kind.CITIZEN) {
            // the purse first: it owns the PIN the SSSE asks for
            install(CardConstants.AID_PURSE, PurseApplet.class, transportKey);
            install(CardConstants.AID_SSSE, SsseApplet.class, transportKey);
        } else {
            install(CardConstants.AID_PSAM, PsamApplet.class, transportKey);
        }
    }

    /** A blank citizen card (SSSE + purse) installed with the demo transport key, given explicitly (DEMO ONLY). */
    public static SimulatedCard citizen() {
        return new SimulatedCard(Kind.CITIZEN, CardConstants.DEMO_TRANSPORT_KEY.clone());
    }

    /** A blank citizen card whose applets were installed with this 16-byte transport key. */
    public static SimulatedCard citizen(byte[] transportKey) {
        return new SimulatedCard(Kind.CITIZEN, checkKey(transportKey));
    }

    /** A blank PSAM installed with the demo transport key, given explicitly (DEMO ONLY). */
    public static SimulatedCard psam() {
        return new SimulatedCard(Kind.PSAM, CardConstants.DEMO_TRANSPORT_KEY.clone());
    }

    /** A blank PSAM installed with this 16-byte transport key. */
    public static SimulatedCard psam(byte[] transportKey) {
        return new SimulatedCard(Kind.PSAM, checkKey(transportKey));
    }

    private static byte[] checkKey(byte[] transportKey) {
        if (transportKey == null || transportKey.length != 16) {
            throw new IllegalArgumentException("a transport key is 16 bytes (two-key 3DES), this one is "
                    + (transportKey == null ? "missing" : transportKey.length + " bytes"));
        }
        return transportKey.clone();
    }

    private void install(byte[] aid, Class<? extends Applet> applet, byte[] transportKey) {
        byte[] params = installParameters(aid, transportKey);
        simulator.installApplet(
                new AID(aid, (short) 0, (byte) aid.length), applet, params, (short) 0, (byte) params.length);
    }

    /** GlobalPlatform install parameters: instance AID, no control information, applet data = the transport key. */
    static byte[] installParameters(byte[] aid, byte[] transportKey) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(aid.length);
        out.writeBytes(aid);
        out.write(0);
        if (transportKey == null) {
            out.write(0);
        } else {
            out.write(transportKey.length);
            out.writeBytes(transportKey);
        }
        return out.toByteArray();
    }

    public Kind kind() {
        return kind;
    }

    /** The answer to reset. */
    public byte[] atr() {
        return simulator.getATR().clone();
    }

    /**
     * Sends one command APDU (header, optional Lc and data, optional Le; short APDUs) and returns data ‖ SW1 SW2. A
     * command whose Lc does not match its length, or an extended-length one, is answered 6700 as a card would.
     *
     * @throws IllegalArgumentException for fewer than 4 bytes
     */
    @Override
    public synchronized byte[] transmit(byte[] command) {
        if (command == null || command.length < 4) {
            throw new IllegalArgumentException("a command APDU has at least 4 bytes (CLA INS P1 P2), this one has "
                    + (command == null ? 0 : command.length));
        }
        if (!isWellFormedShortApdu(command)) {
            return new byte[] {0x67, 0x00};
        }
        return simulator.transmitCommand(command.clone());
    }

    /** Case 1 (4 bytes), 2 (Le), 3 (Lc data) or 4 (Lc data Le), with Lc 1–255. */
    static boolean isWellFormedShortApdu(byte[] c) {
        if (c.length <= 5) {
            return true;
        }
        int lc = c[4] & 0xFF;
        return lc != 0 && (c.length == 5 + lc || c.length == 6 + lc);
    }

    /** Power cycle: RAM is cleared, no application is selected, persistent state stays. */
    public synchronized void reset() {
        simulator.reset();
    }

    @Override
    public String toString() {
        return "SimulatedCard[" + label + ", ATR "
                + HexFormat.of().withUpperCase().formatHex(simulator.getATR()) + "]";
    }

    /** jCardSim's simulator on its own runtime, without the applets system properties may name. */
    private static final class IsolatedSimulator extends Simulator {
        IsolatedSimulator(SimulatorRuntime runtime) {
            super(runtime, new Properties());
        }
    }
}
