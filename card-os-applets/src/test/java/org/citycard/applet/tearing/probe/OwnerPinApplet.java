package org.citycard.applet.tearing.probe;

import javacard.framework.APDU;
import javacard.framework.Applet;
import javacard.framework.OwnerPIN;

/** Uses {@code OwnerPIN}, whose try counter lives inside the API where the runtime cannot journal it. */
public final class OwnerPinApplet extends Applet {
    private final OwnerPIN pin = new OwnerPIN((byte) 3, (byte) 8);

    public static void install(byte[] bArray, short bOffset, byte bLength) {
        new OwnerPinApplet().register();
    }

    public void process(APDU apdu) {
        if (!selectingApplet()) {
            pin.check(apdu.getBuffer(), (short) 5, (byte) 4);
        }
    }
}
