package org.citycard.applet.firewall;

import javacard.framework.AID;
import javacard.framework.APDU;
import javacard.framework.Applet;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.Shareable;
import org.citycard.applet.CardConstants;
import org.citycard.applet.purse.CardholderServices;

/**
 * Another application on the citizen card, in its own package and so its own firewall context, that asks the purse
 * for the cardholder PIN: {@code 80 01} answers 01 when the purse handed it the Shareable object (00 when not),
 * {@code 80 02 <PIN>} tries to verify a PIN through it and answers the status word the purse gave (6985 without
 * the object).
 */
public final class ForeignApplet extends Applet {
    static final byte INS_ASK_FOR_PIN = 0x01;
    static final byte INS_VERIFY_THROUGH_PURSE = 0x02;

    private ForeignApplet() {}

    public static void install(byte[] bArray, short bOffset, byte bLength) {
        new ForeignApplet().register(bArray, (short) (bOffset + 1), bArray[bOffset]);
    }

    private static CardholderServices askPurse() {
        AID purse = JCSystem.lookupAID(CardConstants.AID_PURSE, (short) 0, (byte) CardConstants.AID_PURSE.length);
        Shareable shared = purse == null ? null : JCSystem.getAppletShareableInterfaceObject(purse, (byte) 0);
        return shared instanceof CardholderServices ? (CardholderServices) shared : null;
    }

    public void process(APDU apdu) {
        if (selectingApplet()) {
            return;
        }
        byte[] buf = apdu.getBuffer();
        CardholderServices pin = askPurse();
        if (buf[ISO7816.OFFSET_INS] == INS_ASK_FOR_PIN) {
            buf[0] = pin == null ? (byte) 0 : (byte) 1;
            apdu.setOutgoingAndSend((short) 0, (short) 1);
        } else if (buf[ISO7816.OFFSET_INS] == INS_VERIFY_THROUGH_PURSE) {
            short lc = apdu.setIncomingAndReceive();
            if (pin == null) {
                ISOException.throwIt(ISO7816.SW_CONDITIONS_NOT_SATISFIED);
            }
            short sw = pin.verifyPin(buf, ISO7816.OFFSET_CDATA, lc);
            if (sw != ISO7816.SW_NO_ERROR) {
                ISOException.throwIt(sw);
            }
        } else {
            ISOException.throwIt(ISO7816.SW_INS_NOT_SUPPORTED);
        }
    }
}
