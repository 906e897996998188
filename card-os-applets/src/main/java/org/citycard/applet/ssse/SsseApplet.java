package org.citycard.applet.ssse;

import javacard.framework.AID;
import javacard.framework.APDU;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.Shareable;
import javacard.security.DESKey;
import javacardx.crypto.Cipher;
import org.citycard.applet.Apdus;
import org.citycard.applet.CityCardApplet;
import org.citycard.applet.CryptoEngine;
import org.citycard.applet.RecordFile;
import org.citycard.applet.TlvFile;
import org.citycard.applet.purse.CardholderServices;

/**
 * The social-security application (CARD-SPEC §2.1): EF05 card information (free), EF06 holder identity and EF07
 * insurance participation (after the cardholder PIN or terminal authentication with DEAK), and INTERNAL AUTHENTICATE
 * with DIAK, by which the card proves to the clearing server that it is present (CARD-SPEC §4.6). The PIN and the
 * card-block flag belong to the purse, in another package and so another firewall context, and are reached through
 * its Shareable {@link CardholderServices}.
 */
public final class SsseApplet extends CityCardApplet {
    private static final short FILE_COUNT = 3;

    private final TlvFile cardInfo;
    private final TlvFile holder;
    private final RecordFile insurance;
    private final DESKey damk;
    private final DESKey deak;
    private final DESKey diak;

    private SsseApplet(byte[] bArray, short bOffset, byte bLength) {
        super(bArray, bOffset, bLength, FILE_COUNT);
        cardInfo = new TlvFile(
                CardConstants.SFI_SSSE_EF05,
                CardConstants.FID_SSSE_EF05,
                CardConstants.READ_ACCESS_SSSE_EF05,
                CardConstants.UPDATE_ACCESS_SSSE_EF05,
                CardConstants.TLV_FIRST_SSSE_EF05,
                CardConstants.TLV_LENGTHS_SSSE_EF05);
        holder = new TlvFile(
                CardConstants.SFI_SSSE_EF06,
                CardConstants.FID_SSSE_EF06,
                CardConstants.READ_ACCESS_SSSE_EF06,
                CardConstants.UPDATE_ACCESS_SSSE_EF06,
                CardConstants.TLV_FIRST_SSSE_EF06,
                CardConstants.TLV_LENGTHS_SSSE_EF06);
        insurance = new RecordFile(
                CardConstants.SFI_SSSE_EF07,
                CardConstants.FID_SSSE_EF07,
                CardConstants.READ_ACCESS_SSSE_EF07,
                CardConstants.UPDATE_ACCESS_SSSE_EF07,
                CardConstants.RECORD_COUNT_SSSE_EF07,
                CardConstants.RECORD_LENGTH_SSSE_EF07,
                CardConstants.INSURANCE_TYPE_CODES,
                CardConstants.INSURANCE_TYPE_RECORDS,
                CardConstants.OFF_SSSE_EF07_INSURANCE_TYPE,
                CardConstants.LEN_SSSE_EF07_INSURANCE_TYPE);
        files.add(cardInfo);
        files.add(holder);
        files.add(insurance);
        damk = CryptoEngine.newKey();
        deak = CryptoEngine.newKey();
        diak = CryptoEngine.newKey();
    }

    public static void install(byte[] bArray, short bOffset, byte bLength) {
        new SsseApplet(bArray, bOffset, bLength).registerInstance(bArray, bOffset, bLength);
    }

    /** The purse's shared services, or null on a card without a purse. */
    private CardholderServices services() {
        AID purse = JCSystem.lookupAID(CardConstants.AID_PURSE, (short) 0, (byte) CardConstants.AID_PURSE.length);
        if (purse == null) {
            return null;
        }
        Shareable shared = JCSystem.getAppletShareableInterfaceObject(purse, (byte) 0);
        return shared instanceof CardholderServices ? (CardholderServices) shared : null;
    }

    protected void dispatch(APDU apdu, byte ins) {
        switch (ins) {
            case CardConstants.INS_SELECT:
                selectOther(apdu);
                return;
            case CardConstants.INS_READ_RECORD:
                files.readRecord(apdu);
                return;
            case CardConstants.INS_READ_BINARY:
                files.readBinary(apdu);
                return;
            case CardConstants.INS_VERIFY:
                verify(apdu, services());
                return;
            case CardConstants.INS_GET_CHALLENGE:
                getChallenge(apdu);
                return;
            case CardConstants.INS_EXTERNAL_AUTHENTICATE:
                externalAuthenticate(apdu);
                return;
            case CardConstants.INS_INTERNAL_AUTHENTICATE:
                internalAuthenticate(apdu);
                return;
            case CardConstants.INS_UPDATE_RECORD:
            case CardConstants.INS_UPDATE_BINARY:
                files.update(apdu);
                return;
            case CardConstants.INS_APPEND_RECORD_SM:
                files.appendRecord(apdu);
                return;
            case CardConstants.INS_PUT_KEY:
                putKey(apdu);
                return;
            case CardConstants.INS_END_PERSONALIZATION:
                endPersonalization(apdu);
                return;
            default:
                ISOException.throwIt(CardConstants.SW_INS_NOT_SUPPORTED);
        }
    }

    /**
     * VERIFY {@code 00 20 00 00 Lc PIN} with the purse's PIN; without data it answers the PIN status; 6985 without a
     * purse. The purse has the same command in its own package: an applet package exports Shareable interfaces only,
     * so no code of the purse package can be called from here but through {@link CardholderServices}.
     */
    private static void verify(APDU apdu, CardholderServices services) {
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

    /**
     * INTERNAL AUTHENTICATE {@code 00 88 00 00 08 challenge 08}: answers 3DES-ECB(DIAK, challenge) (SM4 card: the
     * leftmost 8 bytes of SM4-ECB(DIAK, challenge ‖ 80 00 …), CARD-SPEC §4.6), computed in
     * place in the APDU buffer. No PIN needed and no try counter: the card only answers; the clearing server, which
     * chose the challenge, decides what the answer is worth. 6985 before ISSUED, 6700 for another length.
     */
    private void internalAuthenticate(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        Apdus.requireCla(buf, CardConstants.CLA_ISO);
        Apdus.requireP1P2(buf, CardConstants.P1_INTERNAL_AUTHENTICATE, CardConstants.P2_INTERNAL_AUTHENTICATE);
        requireIssued();
        Apdus.receiveExactly(apdu, CardConstants.LC_INTERNAL_AUTHENTICATE);
        if (!loaded(diak)) {
            ISOException.throwIt(CardConstants.SW_KEY_NOT_FOUND);
        }
        // 3DES-ECB(DIAK, challenge); SM4: the leftmost 8 bytes of SM4-ECB(DIAK, challenge ‖ 80 00 …)
        short length = crypto.extendBlock(buf, ISO7816.OFFSET_CDATA);
        crypto.ecb(diak, Cipher.MODE_ENCRYPT, buf, ISO7816.OFFSET_CDATA, length, buf, ISO7816.OFFSET_CDATA);
        Apdus.send(apdu, ISO7816.OFFSET_CDATA, CardConstants.LE_INTERNAL_AUTHENTICATE);
    }

    /** SELECT: the FCI {@code 6F L 84 L <AID>}. */
    protected void select(APDU apdu) {
        sendAidFci(apdu, CardConstants.AID_SSSE);
    }

    protected DESKey keySlot(byte keyId, byte algorithm) {
        if (keyId == CardConstants.KEY_ID_DAMK) {
            return damk;
        }
        if (keyId == CardConstants.KEY_ID_DEAK) {
            return deak;
        }
        if (keyId == CardConstants.KEY_ID_DIAK) {
            return diak;
        }
        return null;
    }

    protected boolean personalisationComplete() {
        return loaded(damk) && loaded(deak) && loaded(diak) && files.isComplete();
    }

    protected boolean isCardBlocked() {
        CardholderServices services = services();
        return services != null && services.isCardBlocked();
    }

    protected boolean isPinValidated() {
        CardholderServices services = services();
        return services != null && services.isPinValidated();
    }

    protected DESKey maintenanceKey() {
        return damk;
    }

    protected DESKey terminalKey() {
        return deak;
    }
}
