package org.citycard.applet;

import javacard.framework.APDU;
import javacard.framework.Applet;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.Util;
import javacard.security.DESKey;
import javacardx.crypto.Cipher;

/**
 * What the three CityCard applets share (library code: each applet package extends it): the life cycle (PERSONALIZATION → ISSUED, CARD-SPEC §4.5), the transport
 * key from the install parameters, GET CHALLENGE, EXTERNAL AUTHENTICATE, PUT KEY and END PERSONALIZATION, and the
 * checks every command goes through before the applet's own INS dispatch.
 */
public abstract class CityCardApplet extends Applet {
    /** Index of the transport key's try counter in {@link #authTries}. */
    static final short TRIES_TK = 0;
    /** Index of DEAK's try counter (SSSE terminal authentication). */
    static final short TRIES_DEAK = 1;

    private static final short TRANSPORT_KEY_LENGTH = 16;
    private static final short PUT_KEY_VALUE = (short) (ISO7816.OFFSET_CDATA + 2);
    /** The key algorithm of a card whose first PUT KEY has not come yet. */
    private static final byte NO_ALGORITHM = (byte) 0xFF;
    /** Key versions per key ID, for each algorithm: 3DES at keyId, SM4 at VERSIONS_SM4 + keyId. */
    private static final short VERSIONS_SM4 = (short) (CardConstants.KEY_ID_PSAM_MAMK + 1);
    // RAM flags (cleared on deselect)
    private static final short PERSO_AUTHENTICATED = 0;
    private static final short TERMINAL_AUTHENTICATED = 1;

    /** The applet's crypto engine, secure channel and files (allocated at install, owned by the applet). */
    protected final CryptoEngine crypto;

    protected final SecureChannel channel;
    protected final FileSystem files;
    private final DESKey transportKey;
    private final byte[] authTries;
    private final byte[] keyVersions;
    private final boolean[] authenticated;
    private byte state;
    /** The algorithm of every key of this card (CARD-SPEC §3), fixed by the first PUT KEY; one persistent byte. */
    private byte keyAlgorithm;

    /**
     * @param bArray install parameters in the GlobalPlatform layout (AID, control info, applet data); the first 16
     *     bytes of the applet data are the transport key. Without them the applet has no transport key and refuses
     *     every personalisation command with 6985: there is no fallback key (the demo key is public), whoever
     *     installs the applet names the key, the simulator's demo profile the demo key.
     */
    protected CityCardApplet(byte[] bArray, short bOffset, byte bLength, short fileCount) {
        crypto = new CryptoEngine();
        channel = new SecureChannel(crypto);
        files = new FileSystem(this, fileCount);
        transportKey = CryptoEngine.newKey();
        authTries = new byte[2];
        authTries[TRIES_TK] = (byte) CardConstants.AUTH_TRY_LIMIT;
        authTries[TRIES_DEAK] = (byte) CardConstants.AUTH_TRY_LIMIT;
        keyVersions = new byte[(short) (2 * VERSIONS_SM4)];
        keyAlgorithm = NO_ALGORITHM;
        authenticated = JCSystem.makeTransientBooleanArray((short) 2, JCSystem.CLEAR_ON_DESELECT);
        state = CardConstants.STATE_PERSONALIZATION;
        short params = appletDataOffset(bArray, bOffset, bLength);
        if (params >= 0 && bArray[params] >= (byte) TRANSPORT_KEY_LENGTH) {
            transportKey.setKey(bArray, (short) (params + 1));
        } // else the key stays uninitialised: personalisation is refused (requireTransportKey)
    }

    /** Offset of the applet data length byte in GlobalPlatform install parameters, or -1 when there is none. */
    private static short appletDataOffset(byte[] bArray, short bOffset, byte bLength) {
        short end = (short) (bOffset + bLength);
        short off = bOffset;
        for (short part = 0; part < 2; part++) { // skip the instance AID, then the control information
            if (off >= end) {
                return -1;
            }
            off = (short) (off + 1 + (bArray[off] & 0xFF));
        }
        if (off >= end || (short) (off + 1 + (bArray[off] & 0xFF)) > end) {
            return -1;
        }
        return off;
    }

    /** Registers with the instance AID of GlobalPlatform install parameters, or the default AID without any. */
    protected final void registerInstance(byte[] bArray, short bOffset, byte bLength) {
        if (bLength > 0 && bArray[bOffset] >= 5 && bArray[bOffset] <= 16 && bArray[bOffset] < bLength) {
            register(bArray, (short) (bOffset + 1), bArray[bOffset]);
        } else {
            register();
        }
    }

    public final void process(APDU apdu) {
        if (JCSystem.getTransactionDepth() != 0) {
            JCSystem.abortTransaction(); // a command that failed inside its transaction; a card's JCRE does this
        }
        if (isCardBlocked()) {
            ISOException.throwIt(CardConstants.SW_FUNCTION_NOT_SUPPORTED);
        }
        if (selectingApplet()) {
            select(apdu);
            return;
        }
        byte[] buf = apdu.getBuffer();
        byte cla = buf[ISO7816.OFFSET_CLA];
        if (cla != CardConstants.CLA_ISO
                && cla != CardConstants.CLA_SECURE_MESSAGING
                && cla != CardConstants.CLA_PROPRIETARY
                && cla != CardConstants.CLA_PROPRIETARY_SECURE_MESSAGING) {
            ISOException.throwIt(CardConstants.SW_CLA_NOT_SUPPORTED);
        }
        if (buf[ISO7816.OFFSET_INS] != CardConstants.INS_GET_CHALLENGE) {
            channel.beginCommand();
        }
        crypto.useAlgorithm(keyAlgorithm()); // a PSAM command that serves a card of the other algorithm changes it
        dispatch(apdu, buf[ISO7816.OFFSET_INS]);
    }

    /** Answers SELECT by AID (the FCI). */
    protected abstract void select(APDU apdu);

    /** Calls the one method that handles the command {@code ins}; 6D00 for an INS the applet does not know. */
    protected abstract void dispatch(APDU apdu, byte ins);

    /**
     * The key slot of a PUT KEY key ID for keys of {@code algorithm} (00 3DES, 04 SM4), or null when the applet holds
     * no such key. A card's keys share one slot per key ID whatever the algorithm; the PSAM has one of each.
     */
    protected abstract DESKey keySlot(byte keyId, byte algorithm);

    /**
     * The slot PUT KEY writes a key of {@code version} into: {@link #keySlot(byte, byte)}, one version per key ID,
     * unless the applet holds several versions side by side (the PSAM, issue 22).
     */
    protected DESKey keySlot(byte keyId, byte algorithm, byte version) {
        return keySlot(keyId, algorithm);
    }

    /**
     * True for an applet that holds keys of both algorithms side by side (the PSAM, CARD-SPEC §7); false for a card,
     * whose keys all have the algorithm of its first PUT KEY.
     */
    protected boolean holdsBothAlgorithms() {
        return false;
    }

    /** True when every key and file END PERSONALIZATION requires is in place. */
    protected abstract boolean personalisationComplete();

    /** True when the card-wide block flag is set: every command, SELECT included, answers 6A81. */
    protected abstract boolean isCardBlocked();

    /** True when the cardholder PIN has been verified in this card session. */
    protected abstract boolean isPinValidated();

    /** The key of secure-messaging updates (DAMK), or null. */
    protected abstract DESKey maintenanceKey();

    /** The key of terminal authentication (DEAK, SSSE only), or null. */
    protected DESKey terminalKey() {
        return null;
    }

    /** PUT KEY P2 = 10 (the PIN): only the applet that owns the card's PIN takes it. */
    protected void putPin(APDU apdu) {
        ISOException.throwIt(CardConstants.SW_WRONG_P1P2);
    }

    public final byte state() {
        return state;
    }

    protected final void setState(byte newState) {
        state = newState; // one byte: atomic on the card
    }

    protected final boolean isPersoAuthenticated() {
        return state == CardConstants.STATE_PERSONALIZATION && authenticated[PERSO_AUTHENTICATED];
    }

    protected final boolean isTerminalAuthenticated() {
        return authenticated[TERMINAL_AUTHENTICATED];
    }

    /** The version of a key of this card's algorithm. */
    public final byte keyVersion(byte keyId) {
        return keyVersion(keyId, keyAlgorithm());
    }

    /** The version of the key {@code keyId} of {@code algorithm}. */
    public final byte keyVersion(byte keyId, byte algorithm) {
        return keyVersions[algorithm == CardConstants.ALG_SM4 ? (short) (VERSIONS_SM4 + keyId) : keyId];
    }

    /**
     * The algorithm of this card's keys (CARD-SPEC §3: 00 3DES, 04 SM4), as its first PUT KEY fixed it; 3DES before
     * any key is in (and for the PSAM, which holds both and takes each card's from its command).
     */
    public final byte keyAlgorithm() {
        return keyAlgorithm == NO_ALGORITHM ? CardConstants.ALG_TDES : keyAlgorithm;
    }

    /**
     * The algorithm a personalisation command uses: the card's once its first key is in; before, the command's
     * own form ({@code requested}). 6A80 for an algorithm this card's keys do not have.
     */
    protected final byte personalisationAlgorithm(byte requested) {
        if (!CryptoEngine.isAlgorithm(requested)
                || (!holdsBothAlgorithms() && keyAlgorithm != NO_ALGORITHM && requested != keyAlgorithm)) {
            ISOException.throwIt(CardConstants.SW_WRONG_DATA);
        }
        crypto.useAlgorithm(requested);
        return requested;
    }

    /** Fixes the card's key algorithm (inside the transaction that writes its first key or PIN). */
    protected final void fixKeyAlgorithm(byte algorithm) {
        if (!holdsBothAlgorithms() && keyAlgorithm == NO_ALGORITHM) {
            keyAlgorithm = algorithm;
        }
    }

    /** True once the card's key algorithm is fixed (a personalisation command's form must then follow it). */
    protected final boolean keyAlgorithmFixed() {
        return keyAlgorithm != NO_ALGORITHM && !holdsBothAlgorithms();
    }

    protected final DESKey transportKey() {
        return transportKey;
    }

    /**
     * Refuses a personalisation command: 6985 after END PERSONALIZATION or when the applet was installed without a
     * transport key, 6982 before EXTERNAL AUTHENTICATE.
     */
    public final void requirePersonalisation() {
        requireTransportKey();
        if (state != CardConstants.STATE_PERSONALIZATION) {
            ISOException.throwIt(CardConstants.SW_CONDITIONS_NOT_SATISFIED);
        }
        if (!authenticated[PERSO_AUTHENTICATED]) {
            ISOException.throwIt(CardConstants.SW_SECURITY_STATUS_NOT_SATISFIED);
        }
    }

    /** 6985 when the install parameters gave no transport key: such an applet can never be personalised. */
    private void requireTransportKey() {
        if (!transportKey.isInitialized()) {
            ISOException.throwIt(CardConstants.SW_CONDITIONS_NOT_SATISFIED);
        }
    }

    /** Refuses a command of an issued application with 6985 in any other state. */
    public final void requireIssued() {
        if (state != CardConstants.STATE_ISSUED) {
            ISOException.throwIt(CardConstants.SW_CONDITIONS_NOT_SATISFIED);
        }
    }

    /** SELECT by AID of an application this card does not have (the JCRE hands it to the selected applet). */
    protected final void selectOther(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        Apdus.requireCla(buf, CardConstants.CLA_ISO);
        if (buf[ISO7816.OFFSET_P1] == CardConstants.P1_SELECT_FILE) {
            files.selectFile(apdu);
            return;
        }
        if (buf[ISO7816.OFFSET_P1] != CardConstants.P1_SELECT) {
            ISOException.throwIt(CardConstants.SW_WRONG_P1P2);
        }
        ISOException.throwIt(CardConstants.SW_FILE_NOT_FOUND);
    }

    /** Sends the minimal FCI {@code 6F L 84 L <AID>} of the SSSE and the PSAM. */
    protected final void sendAidFci(APDU apdu, byte[] aid) {
        byte[] buf = apdu.getBuffer();
        short aidLength = (short) aid.length;
        buf[0] = CardConstants.FCI_TAG_TEMPLATE;
        buf[1] = (byte) (aidLength + 2);
        buf[2] = CardConstants.FCI_TAG_DF_NAME;
        buf[3] = (byte) aidLength;
        Util.arrayCopyNonAtomic(aid, (short) 0, buf, (short) 4, aidLength);
        apdu.setOutgoingAndSend((short) 0, (short) (aidLength + 4));
    }

    /** GET CHALLENGE. */
    protected final void getChallenge(APDU apdu) {
        channel.getChallenge(apdu);
    }

    /** EXTERNAL AUTHENTICATE: P2 00 with the transport key in PERSONALIZATION, P2 07 with DEAK when issued. */
    protected final void externalAuthenticate(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        Apdus.requireCla(buf, CardConstants.CLA_ISO);
        if (buf[ISO7816.OFFSET_P1] != CardConstants.P1_EXTERNAL_AUTHENTICATE) {
            ISOException.throwIt(CardConstants.SW_WRONG_P1P2);
        }
        byte p2 = buf[ISO7816.OFFSET_P2];
        if (p2 == CardConstants.KEY_ID_TK) {
            requireTransportKey();
            if (state != CardConstants.STATE_PERSONALIZATION) {
                ISOException.throwIt(CardConstants.SW_CONDITIONS_NOT_SATISFIED);
            }
            authenticated[PERSO_AUTHENTICATED] = false;
            channel.externalAuthenticate(apdu, transportKey, authTries, TRIES_TK, keyAlgorithmFixed());
            authenticated[PERSO_AUTHENTICATED] = true;
        } else if (p2 == CardConstants.KEY_ID_DEAK) {
            if (terminalKey() == null) {
                ISOException.throwIt(CardConstants.SW_KEY_NOT_FOUND);
            }
            requireIssued();
            authenticated[TERMINAL_AUTHENTICATED] = false;
            channel.externalAuthenticate(apdu, terminalKey(), authTries, TRIES_DEAK, true);
            authenticated[TERMINAL_AUTHENTICATED] = true;
        } else {
            ISOException.throwIt(CardConstants.SW_WRONG_P1P2);
        }
    }

    /**
     * PUT KEY {@code 80 D4 00 keyId 12}: version ‖ algorithm ‖ 3DES-ECB(TK, key) (algorithm 00) or SM4-ECB(TK, key)
     * (04). The first key fixes the card's algorithm; a key of the other one is refused with 6A80 (not the PSAM's).
     * With secure messaging, {@code 84 D4 00 keyId 16} (issue 22, re-key of an issued applet at a counter): version ‖
     * algorithm ‖ ECB(DAMK, key) ‖ MAC(DAMK) of the card's current DAMK; the algorithm must be the card's.
     */
    protected final void putKey(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        boolean secure = buf[ISO7816.OFFSET_CLA] == CardConstants.CLA_PROPRIETARY_SECURE_MESSAGING;
        if (secure) {
            requireIssued();
        } else {
            Apdus.requireCla(buf, CardConstants.CLA_PROPRIETARY);
            requirePersonalisation();
        }
        if (buf[ISO7816.OFFSET_P1] != CardConstants.P1_PUT_KEY) {
            ISOException.throwIt(CardConstants.SW_WRONG_P1P2);
        }
        byte keyId = buf[ISO7816.OFFSET_P2];
        if (keyId == CardConstants.KEY_ID_PIN && !secure) {
            putPin(apdu);
            return;
        }
        if (keySlot(keyId, CardConstants.ALG_TDES) == null) {
            ISOException.throwIt(CardConstants.SW_WRONG_P1P2);
        }
        DESKey unwrap = transportKey;
        byte algorithm;
        if (secure) {
            Apdus.receiveExactly(apdu, CardConstants.LC_PUT_KEY_SM);
            unwrap = maintenanceKey();
            channel.verifyCommandMac(buf, CardConstants.LC_PUT_KEY_SM, unwrap);
            algorithm = keyAlgorithm();
            if (buf[(short) (ISO7816.OFFSET_CDATA + 1)] != algorithm) {
                ISOException.throwIt(CardConstants.SW_WRONG_DATA);
            }
        } else {
            Apdus.receiveExactly(apdu, CardConstants.LC_PUT_KEY);
            algorithm = personalisationAlgorithm(buf[(short) (ISO7816.OFFSET_CDATA + 1)]);
        }
        DESKey key = keySlot(keyId, algorithm, buf[ISO7816.OFFSET_CDATA]);
        crypto.ecb(unwrap, Cipher.MODE_DECRYPT, buf, PUT_KEY_VALUE, CardConstants.LEN_KEY_VALUE, buf, PUT_KEY_VALUE);
        JCSystem.beginTransaction();
        key.setKey(buf, PUT_KEY_VALUE);
        keyVersions[algorithm == CardConstants.ALG_SM4 ? (short) (VERSIONS_SM4 + keyId) : keyId] =
                buf[ISO7816.OFFSET_CDATA];
        fixKeyAlgorithm(algorithm);
        JCSystem.commitTransaction();
        Util.arrayFillNonAtomic(buf, PUT_KEY_VALUE, CardConstants.LEN_KEY_VALUE, (byte) 0);
    }

    /** END PERSONALIZATION {@code 80 E6 00 00}: ISSUED for good, once every required key and file is in. */
    protected final void endPersonalization(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        Apdus.requireCla(buf, CardConstants.CLA_PROPRIETARY);
        requirePersonalisation();
        Apdus.requireP1P2(buf, CardConstants.P1_END_PERSONALIZATION, CardConstants.P2_END_PERSONALIZATION);
        if (!personalisationComplete()) {
            ISOException.throwIt(CardConstants.SW_CONDITIONS_NOT_SATISFIED);
        }
        setState(CardConstants.STATE_ISSUED);
        authenticated[PERSO_AUTHENTICATED] = false;
    }

    /** True when the key slot holds a key. */
    public static boolean loaded(DESKey key) {
        return key != null && key.isInitialized();
    }
}
