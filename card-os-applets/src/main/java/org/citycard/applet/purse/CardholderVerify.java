package org.citycard.applet.purse;

import javacard.framework.APDU;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import org.citycard.applet.Apdus;
import org.citycard.applet.CardConstants;

/**
 * The VERIFY command of both applets of the citizen card: the purse answers it with its own PIN, the SSSE with the
 * purse's, reached through {@link CardholderServices}. Public so that the SSSE package, which imports this one,
 * runs the same code.
 */
public final class CardholderVerify {
    private CardholderVerify() {}

    /** VERIFY {@code 00 20 00 00 Lc PIN}; without data it answers the PIN status; 6985 without a purse. */
    public static void verify(APDU apdu, CardholderServices services) {
        byte[] buf = apdu.getBuffer();
        Apdus.requireCla(buf, CardConstants.CLA_ISO);
        Apdus.requireP1P2(buf, CardConstants.P1_VERIFY, CardConstants.P2_VERIFY);
        short lc = Apdus.receive(apdu);
        if (services == null) {
            ISOException.throwIt(CardConstants.SW_CONDITIONS_NOT_SATISFIED); // no purse, no cardholder PIN
        }
        short sw = lc == 0 ? services.pinStatus() : services.verifyPin(buf, ISO7816.OFFSET_CDATA, lc);
        if (sw != CardConstants.SW_OK) {
            ISOException.throwIt(sw);
        }
    }
}
