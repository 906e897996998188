package org.citycard.applet.tearing.probe;

import javacard.framework.APDU;
import javacard.framework.Applet;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.Util;

/**
 * A tiny applet, written like card code, whose commands exercise each rule of the tearing runtime's memory model:
 * field and array writes inside and outside transactions, atomic and non-atomic copies, transient arrays of both
 * clear events. {@code CardMemoryTest} runs it instrumented.
 */
public final class ProbeApplet extends Applet {
    /** Writes data[0] = P1 and value = P1 in a transaction; P2: 0 commit, 1 abort, 2 throw 6F01, 3 leave it open. */
    public static final byte INS_TRANSACTION = 0x10;
    /** Writes data[0] = P1, then value = P1, with no transaction. */
    public static final byte INS_PLAIN = 0x20;
    /** Util.arrayCopy of the 8 data bytes of the command into data. */
    public static final byte INS_COPY = 0x30;
    /** Util.arrayCopyNonAtomic of the 8 data bytes of the command into data. */
    public static final byte INS_COPY_NON_ATOMIC = 0x31;
    /** In a transaction: data[0] = P1, then Util.arrayFillNonAtomic(data, 1, 7, P1), then abort. */
    public static final byte INS_FILL_NON_ATOMIC_THEN_ABORT = 0x32;
    /** Util.setShort(data, 0, P1P2). */
    public static final byte INS_SET_SHORT = 0x33;
    /** Fills both RAM arrays with P1, and writes the APDU buffer (which is RAM too). */
    public static final byte INS_FILL_RAM = 0x40;
    /** Answers data(8) ‖ value(2) ‖ reset RAM(8) ‖ deselect RAM(8). */
    public static final byte INS_READ = 0x50;

    private static final short SIZE = 8;

    private final byte[] data;
    private final byte[] resetRam;
    private final byte[] deselectRam;
    private short value;

    private ProbeApplet() {
        data = new byte[SIZE];
        resetRam = JCSystem.makeTransientByteArray(SIZE, JCSystem.CLEAR_ON_RESET);
        deselectRam = JCSystem.makeTransientByteArray(SIZE, JCSystem.CLEAR_ON_DESELECT);
    }

    public static void install(byte[] bArray, short bOffset, byte bLength) {
        new ProbeApplet().register(bArray, (short) (bOffset + 1), bArray[bOffset]);
    }

    public void process(APDU apdu) {
        if (selectingApplet()) {
            return;
        }
        byte[] buf = apdu.getBuffer();
        byte p1 = buf[ISO7816.OFFSET_P1];
        switch (buf[ISO7816.OFFSET_INS]) {
            case INS_TRANSACTION:
                transaction(p1, buf[ISO7816.OFFSET_P2]);
                return;
            case INS_PLAIN:
                data[0] = p1;
                value = p1;
                return;
            case INS_COPY:
                apdu.setIncomingAndReceive();
                Util.arrayCopy(buf, ISO7816.OFFSET_CDATA, data, (short) 0, SIZE);
                return;
            case INS_COPY_NON_ATOMIC:
                apdu.setIncomingAndReceive();
                Util.arrayCopyNonAtomic(buf, ISO7816.OFFSET_CDATA, data, (short) 0, SIZE);
                return;
            case INS_FILL_NON_ATOMIC_THEN_ABORT:
                JCSystem.beginTransaction();
                data[0] = p1;
                Util.arrayFillNonAtomic(data, (short) 1, (short) (SIZE - 1), p1);
                JCSystem.abortTransaction();
                return;
            case INS_SET_SHORT:
                Util.setShort(data, (short) 0, Util.getShort(buf, ISO7816.OFFSET_P1));
                return;
            case INS_FILL_RAM:
                Util.arrayFillNonAtomic(resetRam, (short) 0, SIZE, p1);
                Util.arrayFillNonAtomic(deselectRam, (short) 0, SIZE, p1);
                buf[0] = p1;
                return;
            case INS_READ:
                read(apdu, buf);
                return;
            default:
                ISOException.throwIt(ISO7816.SW_INS_NOT_SUPPORTED);
        }
    }

    private void transaction(byte p1, byte p2) {
        JCSystem.beginTransaction();
        data[0] = p1;
        value = p1;
        if (p2 == 1) {
            JCSystem.abortTransaction();
        } else if (p2 == 2) {
            ISOException.throwIt((short) 0x6F01);
        } else if (p2 == 0) {
            JCSystem.commitTransaction();
        }
    }

    private void read(APDU apdu, byte[] buf) {
        short off = Util.arrayCopyNonAtomic(data, (short) 0, buf, (short) 0, SIZE);
        off = Util.setShort(buf, off, value);
        off = Util.arrayCopyNonAtomic(resetRam, (short) 0, buf, off, SIZE);
        off = Util.arrayCopyNonAtomic(deselectRam, (short) 0, buf, off, SIZE);
        apdu.setOutgoingAndSend((short) 0, off);
    }
}
