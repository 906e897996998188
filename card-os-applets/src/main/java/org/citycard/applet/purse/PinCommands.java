package org.citycard.applet.purse;

import javacard.framework.APDU;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacardx.crypto.Cipher;
import org.citycard.applet.Apdus;
import org.citycard.applet.CryptoEngine;
import org.citycard.applet.PinStore;
import org.citycard.applet.SecureChannel;

/**
 * The cardholder PIN commands of the purse (CARD-SPEC §4.3): VERIFY, CHANGE PIN, RELOAD PIN (MAC with DRPK) and
 * PIN UNBLOCK (new PIN block encrypted and MACed with DPUK). A malformed command is refused before it can cost a
 * try; a wrong old PIN in CHANGE PIN counts as a failed VERIFY.
 */
final class PinCommands {
    private final PurseApplet purse;
    private final PurseState state;
    private final PinStore pin;
    private final CryptoEngine crypto;
    private final SecureChannel channel;

    PinCommands(PurseApplet purse, PurseState state, PinStore pin, CryptoEngine crypto, SecureChannel channel) {
        this.purse = purse;
        this.state = state;
        this.pin = pin;
        this.crypto = crypto;
        this.channel = channel;
    }

    /** VERIFY {@code 00 20 00 00 Lc PIN}; without data it answers the PIN status; 6985 without a purse. */
    static void verify(APDU apdu, CardholderServices services) {
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

    /** CHANGE PIN {@code 80 5E 01 00} old ‖ FF ‖ new, or RELOAD PIN {@code 80 5E 00 00} new ‖ MAC(DRPK). */
    void changeOrReload(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        Apdus.requireCla(buf, CardConstants.CLA_PROPRIETARY);
        purse.requireIssued();
        if (buf[ISO7816.OFFSET_P2] != CardConstants.P2_CHANGE_PIN) {
            ISOException.throwIt(CardConstants.SW_WRONG_P1P2);
        }
        byte p1 = buf[ISO7816.OFFSET_P1];
        if (p1 == CardConstants.P1_CHANGE_PIN) {
            change(apdu);
        } else if (p1 == CardConstants.P1_RELOAD_PIN) {
            reload(apdu);
        } else {
            ISOException.throwIt(CardConstants.SW_WRONG_P1P2);
        }
    }

    private void change(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        short lc = Apdus.receive(apdu);
        short oldLength = 0;
        while (oldLength < lc
                && buf[(short) (ISO7816.OFFSET_CDATA + oldLength)] != CardConstants.CHANGE_PIN_SEPARATOR) {
            oldLength++;
        }
        short newOff = (short) (ISO7816.OFFSET_CDATA + oldLength + 1);
        short newLength = (short) (lc - oldLength - 1);
        if (oldLength == lc
                || oldLength > CardConstants.PIN_MAX_BYTES
                || newLength < CardConstants.PIN_MIN_BYTES
                || newLength > CardConstants.PIN_MAX_BYTES) {
            ISOException.throwIt(CardConstants.SW_WRONG_LENGTH);
        }
        if (!PinStore.isWellFormedPin(buf, newOff, newLength)) {
            ISOException.throwIt(CardConstants.SW_WRONG_DATA);
        }
        pin.verifyOrThrow(buf, ISO7816.OFFSET_CDATA, oldLength);
        JCSystem.beginTransaction();
        pin.setPin(buf, newOff, newLength);
        JCSystem.commitTransaction();
    }

    private void reload(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        short lc = Apdus.receive(apdu);
        short pinLength = (short) (lc - CryptoEngine.MAC_LENGTH);
        if (pinLength < CardConstants.PIN_MIN_BYTES || pinLength > CardConstants.PIN_MAX_BYTES) {
            ISOException.throwIt(CardConstants.SW_WRONG_LENGTH);
        }
        if (!PinStore.isWellFormedPin(buf, ISO7816.OFFSET_CDATA, pinLength)) {
            ISOException.throwIt(CardConstants.SW_WRONG_DATA);
        }
        channel.beginChallengeMac(state.drpk);
        crypto.macUpdate(buf, ISO7816.OFFSET_CDATA, pinLength);
        if (!crypto.macMatches(buf, (short) (ISO7816.OFFSET_CDATA + pinLength))) {
            ISOException.throwIt(CardConstants.SW_MAC_INVALID);
        }
        JCSystem.beginTransaction();
        pin.setPin(buf, ISO7816.OFFSET_CDATA, pinLength);
        JCSystem.commitTransaction();
    }

    /**
     * PIN UNBLOCK {@code 84 24 00 00 0C}: 3DES-ECB(DPUK, PIN block) ‖ MAC(DPUK, secure messaging); on an SM4 card
     * {@code 84 24 00 00 14}: SM4-ECB(DPUK, PIN block ‖ 80 00 …) ‖ MAC.
     */
    void unblock(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        Apdus.requireCla(buf, CardConstants.CLA_PROPRIETARY_SECURE_MESSAGING);
        purse.requireIssued();
        Apdus.requireP1P2(buf, CardConstants.P1_PIN_UNBLOCK, CardConstants.P2_PIN_UNBLOCK);
        short block = crypto.cryptogramLength();
        short lc = (short) (block + CryptoEngine.MAC_LENGTH);
        Apdus.receiveExactly(apdu, lc);
        channel.verifyCommandMac(buf, lc, state.dpuk);
        crypto.ecb(state.dpuk, Cipher.MODE_DECRYPT, buf, ISO7816.OFFSET_CDATA, block, buf, ISO7816.OFFSET_CDATA);
        if (!crypto.isExtendedBlock(buf, ISO7816.OFFSET_CDATA)
                || !PinStore.isWellFormedBlock(buf, ISO7816.OFFSET_CDATA)) {
            ISOException.throwIt(CardConstants.SW_WRONG_DATA);
        }
        JCSystem.beginTransaction();
        pin.setBlock(buf, ISO7816.OFFSET_CDATA, pin.tryLimit());
        JCSystem.commitTransaction();
    }
}
