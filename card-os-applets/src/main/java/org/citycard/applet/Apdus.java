package org.citycard.applet;

import javacard.framework.APDU;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.Util;

/** Small checks every command handler needs: class byte, P1 / P2, data length and sending an answer. */
public final class Apdus {
    private Apdus() {}

    /** Refuses the command with 6E00 unless its class byte is {@code cla}. */
    public static void requireCla(byte[] buf, byte cla) {
        if (buf[ISO7816.OFFSET_CLA] != cla) {
            ISOException.throwIt(CardConstants.SW_CLA_NOT_SUPPORTED);
        }
    }

    /** Refuses the command with 6B00 unless P1 and P2 are as given. */
    public static void requireP1P2(byte[] buf, byte p1, byte p2) {
        if (buf[ISO7816.OFFSET_P1] != p1 || buf[ISO7816.OFFSET_P2] != p2) {
            ISOException.throwIt(CardConstants.SW_WRONG_P1P2);
        }
    }

    /** Receives the data field (once per command) and returns its length, 0 for a command without data. */
    public static short receive(APDU apdu) {
        short total = apdu.setIncomingAndReceive();
        short lc = apdu.getIncomingLength();
        while (total < lc) {
            total += apdu.receiveBytes((short) (ISO7816.OFFSET_CDATA + total));
        }
        return lc;
    }

    /** Receives the data field and refuses the command with 6700 unless it is exactly {@code lc} bytes. */
    public static void receiveExactly(APDU apdu, short lc) {
        if (receive(apdu) != lc) {
            ISOException.throwIt(CardConstants.SW_WRONG_LENGTH);
        }
    }

    /** Sends {@code len} bytes of the APDU buffer from {@code off} (the answer is built in the buffer). */
    public static void send(APDU apdu, short off, short len) {
        apdu.setOutgoingAndSend(off, len);
    }

    /** Copies {@code len} bytes of {@code src} to the APDU buffer and sends them. */
    public static void sendFrom(APDU apdu, byte[] src, short off, short len) {
        Util.arrayCopyNonAtomic(src, off, apdu.getBuffer(), (short) 0, len);
        apdu.setOutgoingAndSend((short) 0, len);
    }
}
