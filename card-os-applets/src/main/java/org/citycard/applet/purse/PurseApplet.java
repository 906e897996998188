package org.citycard.applet.purse;

import javacard.framework.AID;
import javacard.framework.APDU;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.Shareable;
import javacard.framework.Util;
import javacard.security.DESKey;
import javacardx.crypto.Cipher;
import org.citycard.applet.Apdus;
import org.citycard.applet.CityCardApplet;
import org.citycard.applet.PinStore;
import org.citycard.applet.Sm4;

/**
 * The city e-purse (CARD-SPEC §2.2, §4.1–§4.3). Owner of the card's cardholder PIN and of the card-block flag, which
 * it shares with the SSSE applet, and with no other, through {@link CardholderServices}.
 */
public final class PurseApplet extends CityCardApplet {
    private static final short FILE_COUNT = 4;

    private final PurseState purse;
    private final PurseSession session;
    private final PinStore pin;
    private final SharedCardholder shared;
    private final PurchaseCommands purchases;
    private final LoadCommands loads;
    private final PinCommands pins;
    private final BlockCommands blocks;

    private PurseApplet(byte[] bArray, short bOffset, byte bLength) {
        super(bArray, bOffset, bLength, FILE_COUNT);
        purse = new PurseState();
        session = new PurseSession();
        pin = new PinStore();
        shared = new SharedCardholder(this, pin);
        purchases = new PurchaseCommands(this, purse, session, crypto, channel);
        loads = new LoadCommands(this, purse, session, crypto, channel);
        pins = new PinCommands(this, purse, pin, crypto, channel);
        blocks = new BlockCommands(this, purse, channel);
        files.add(purse.publicData);
        files.add(purse.holderData);
        files.add(purse.departments);
        files.add(purse.log);
    }

    public static void install(byte[] bArray, short bOffset, byte bLength) {
        new PurseApplet(bArray, bOffset, bLength).registerInstance(bArray, bOffset, bLength);
    }

    /**
     * The PIN and the card-block flag for the SSSE; null for any other applet. {@code client} is the AID of the
     * applet asking, as the JCRE gives it (an applet cannot choose it).
     */
    public Shareable getShareableInterfaceObject(AID client, byte parameter) {
        if (client != null && client.equals(CardConstants.AID_SSSE, (short) 0, (byte) CardConstants.AID_SSSE.length)) {
            return shared;
        }
        return null;
    }

    protected void dispatch(APDU apdu, byte ins) {
        if (state() == CardConstants.STATE_APP_BLOCKED
                && ins != CardConstants.INS_GET_CHALLENGE
                && ins != CardConstants.INS_APPLICATION_UNBLOCK) {
            ISOException.throwIt(CardConstants.SW_CONDITIONS_NOT_SATISFIED);
        }
        switch (ins) {
            case CardConstants.INS_SELECT:
                selectOther(apdu);
                return;
            case CardConstants.INS_GET_CHALLENGE:
                getChallenge(apdu);
                return;
            case CardConstants.INS_EXTERNAL_AUTHENTICATE:
                externalAuthenticate(apdu);
                return;
            case CardConstants.INS_PUT_KEY:
                putKey(apdu);
                return;
            case CardConstants.INS_END_PERSONALIZATION:
                endPersonalization(apdu);
                return;
            case CardConstants.INS_READ_BINARY:
                files.readBinary(apdu);
                return;
            case CardConstants.INS_READ_RECORD:
                files.readRecord(apdu);
                return;
            case CardConstants.INS_UPDATE_BINARY:
                files.update(apdu);
                return;
            case CardConstants.INS_UPDATE_RECORD:
                updateRecord(apdu);
                return;
            case CardConstants.INS_INITIALIZE_FOR_PURCHASE:
                initialize(apdu);
                return;
            case CardConstants.INS_DEBIT_FOR_PURCHASE:
                moneyCommand(apdu);
                purchases.debit(apdu);
                return;
            case CardConstants.INS_CREDIT_FOR_LOAD:
                moneyCommand(apdu);
                loads.credit(apdu);
                return;
            case CardConstants.INS_GET_TRANSACTION_PROVE:
                moneyCommand(apdu);
                purchases.getTransactionProve(apdu);
                return;
            case CardConstants.INS_GET_BALANCE:
                getBalance(apdu);
                return;
            case CardConstants.INS_VERIFY:
                PinCommands.verify(apdu, shared);
                return;
            case CardConstants.INS_CHANGE_PIN:
                pins.changeOrReload(apdu);
                return;
            case CardConstants.INS_PIN_UNBLOCK:
                pins.unblock(apdu);
                return;
            case CardConstants.INS_APPLICATION_BLOCK:
                blocks.blockApplication(apdu);
                return;
            case CardConstants.INS_APPLICATION_UNBLOCK:
                blocks.unblockApplication(apdu);
                return;
            case CardConstants.INS_CARD_BLOCK:
                blocks.blockCard(apdu);
                return;
            default:
                ISOException.throwIt(CardConstants.SW_INS_NOT_SUPPORTED);
        }
    }

    /** SELECT: the FCI {@code 6F L 84 L <AID> A5 L 9F0C 1E <SFI 15>}; with 6283 when the application is blocked. */
    protected void select(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        session.clear();
        short aidLength = (short) CardConstants.AID_PURSE.length;
        short tagLength = (short) CardConstants.FCI_TAG_ISSUER_DATA.length;
        short dataLength = purse.publicData.size();
        short proprietaryLength = (short) (tagLength + 1 + dataLength);
        short off = 0;
        buf[off++] = CardConstants.FCI_TAG_TEMPLATE;
        buf[off++] = (byte) (2 + aidLength + 2 + proprietaryLength);
        buf[off++] = CardConstants.FCI_TAG_DF_NAME;
        buf[off++] = (byte) aidLength;
        off = Util.arrayCopyNonAtomic(CardConstants.AID_PURSE, (short) 0, buf, off, aidLength);
        buf[off++] = CardConstants.FCI_TAG_PROPRIETARY;
        buf[off++] = (byte) proprietaryLength;
        off = Util.arrayCopyNonAtomic(CardConstants.FCI_TAG_ISSUER_DATA, (short) 0, buf, off, tagLength);
        buf[off++] = (byte) dataLength;
        off = Util.arrayCopyNonAtomic(purse.publicData.content(), (short) 0, buf, off, dataLength);
        apdu.setOutgoingAndSend((short) 0, off);
        if (state() == CardConstants.STATE_APP_BLOCKED) {
            ISOException.throwIt(CardConstants.SW_APPLICATION_BLOCKED);
        }
    }

    /** INITIALIZE FOR PURCHASE / CAPP PURCHASE / LOAD ({@code 80 50 P1 02}), told apart by P1. */
    private void initialize(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        moneyCommand(apdu);
        if (buf[ISO7816.OFFSET_P2] != CardConstants.P2_INITIALIZE_FOR_PURCHASE) {
            ISOException.throwIt(CardConstants.SW_WRONG_P1P2);
        }
        byte p1 = buf[ISO7816.OFFSET_P1];
        if (p1 == CardConstants.P1_INITIALIZE_FOR_PURCHASE) {
            purchases.initialize(apdu, CardConstants.TX_PURCHASE);
        } else if (p1 == CardConstants.P1_INITIALIZE_FOR_COMPOUND_PURCHASE) {
            purchases.initialize(apdu, CardConstants.TX_COMPOUND_PURCHASE);
        } else if (p1 == CardConstants.P1_INITIALIZE_FOR_LOAD) {
            loads.initialize(apdu);
        } else {
            ISOException.throwIt(CardConstants.SW_WRONG_P1P2);
        }
    }

    /** UPDATE RECORD: CLA 80 is UPDATE CAPP DATA CACHE, CLA 00 / 04 the ISO command. */
    private void updateRecord(APDU apdu) {
        if (apdu.getBuffer()[ISO7816.OFFSET_CLA] == CardConstants.CLA_PROPRIETARY) {
            moneyCommand(apdu);
            purchases.updateCappDataCache(apdu);
        } else {
            files.update(apdu);
        }
    }

    /** GET BALANCE {@code 80 5C 00 02 04}. */
    private void getBalance(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        moneyCommand(apdu);
        Apdus.requireP1P2(buf, CardConstants.P1_GET_BALANCE, CardConstants.P2_GET_BALANCE);
        Apdus.sendFrom(apdu, purse.money, PurseState.BALANCE, CardConstants.LEN_BALANCE);
    }

    /** The checks of every money command: CLA 80, issued application. */
    private void moneyCommand(APDU apdu) {
        Apdus.requireCla(apdu.getBuffer(), CardConstants.CLA_PROPRIETARY);
        requireIssued();
    }

    /**
     * PUT KEY 10: try limit ‖ the PIN block encrypted with TK, 3DES-ECB (Lc 09) or, on an SM4 card, SM4-ECB of the
     * block extended with {@code 80 00 …} (Lc 11). Before the first key the form fixes the card's algorithm.
     */
    protected void putPin(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        short lc = Apdus.receive(apdu);
        short block = (short) (ISO7816.OFFSET_CDATA + 1);
        byte algorithm = personalisationAlgorithm(
                lc == (short) (1 + Sm4.BLOCK) && !keyAlgorithmFixed() ? CardConstants.ALG_SM4 : keyAlgorithm());
        short length = crypto.cryptogramLength();
        if (lc != (short) (1 + length)) {
            ISOException.throwIt(CardConstants.SW_WRONG_LENGTH);
        }
        crypto.ecb(transportKey(), Cipher.MODE_DECRYPT, buf, block, length, buf, block);
        if (!crypto.isExtendedBlock(buf, block)) {
            Util.arrayFillNonAtomic(buf, block, length, (byte) 0);
            ISOException.throwIt(CardConstants.SW_WRONG_DATA);
        }
        PinStore.checkBlock(buf, block, buf[ISO7816.OFFSET_CDATA]);
        JCSystem.beginTransaction();
        pin.setBlock(buf, block, buf[ISO7816.OFFSET_CDATA]);
        fixKeyAlgorithm(algorithm);
        JCSystem.commitTransaction();
        Util.arrayFillNonAtomic(buf, block, length, (byte) 0);
    }

    protected DESKey keySlot(byte keyId, byte algorithm) {
        return purse.key(keyId);
    }

    protected boolean personalisationComplete() {
        return purse.keysLoaded() && pin.isInstalled() && files.isComplete();
    }

    protected boolean isCardBlocked() {
        return state() == CardConstants.STATE_CARD_BLOCKED;
    }

    protected boolean isPinValidated() {
        return pin.isPinValidated();
    }

    /** APPLICATION BLOCK / UNBLOCK and CARD BLOCK change the life-cycle state (one byte, atomic). */
    void changeState(byte newState) {
        setState(newState);
    }

    protected DESKey maintenanceKey() {
        return purse.damk;
    }
}
