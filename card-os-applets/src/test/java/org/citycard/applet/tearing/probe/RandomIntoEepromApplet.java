package org.citycard.applet.tearing.probe;

import javacard.framework.APDU;
import javacard.framework.Applet;
import javacard.security.RandomData;

/** Lets the Java Card API write persistent memory itself (random bytes into EEPROM): the runtime must object. */
public final class RandomIntoEepromApplet extends Applet {
    private final byte[] data = new byte[8];
    private final RandomData random;

    @SuppressWarnings("deprecation") // ALG_SECURE_RANDOM, as the CityCard applets use
    private RandomIntoEepromApplet() {
        random = RandomData.getInstance(RandomData.ALG_SECURE_RANDOM);
    }

    public static void install(byte[] bArray, short bOffset, byte bLength) {
        new RandomIntoEepromApplet().register(bArray, (short) (bOffset + 1), bArray[bOffset]);
    }

    public void process(APDU apdu) {
        if (!selectingApplet()) {
            random.nextBytes(data, (short) 0, (short) data.length);
        }
    }
}
