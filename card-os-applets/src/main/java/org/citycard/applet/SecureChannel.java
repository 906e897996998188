package org.citycard.applet;

import javacard.framework.APDU;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.Util;
import javacard.security.DESKey;
import javacard.security.RandomData;
import javacardx.crypto.Cipher;

/**
 * GET CHALLENGE, EXTERNAL AUTHENTICATE and the secure-messaging MAC check (CARD-SPEC §4.4, §4.5). A challenge is
 * good for the one command that follows it: {@link #beginCommand} moves it out of reach of every later command.
 */
public final class SecureChannel {
    private static final short CHALLENGE_MAX = 8;
    private static final short SHORT_CHALLENGE = 4;
    // RAM state indexes
    private static final short PENDING_LENGTH = 0;
    private static final short CURRENT_LENGTH = 1;
    private static final short STATE_SIZE = 2;

    private final RandomData random;
    private final CryptoEngine crypto;
    private final byte[] pending;
    private final byte[] current;
    private final byte[] state;
    private final byte[] cryptogram;

    @SuppressWarnings("deprecation") // ALG_SECURE_RANDOM is the algorithm every Java Card 2.2 / 3.0 card has
    SecureChannel(CryptoEngine crypto) {
        this.crypto = crypto;
        random = RandomData.getInstance(RandomData.ALG_SECURE_RANDOM);
        pending = JCSystem.makeTransientByteArray(CHALLENGE_MAX, JCSystem.CLEAR_ON_DESELECT);
        current = JCSystem.makeTransientByteArray(CHALLENGE_MAX, JCSystem.CLEAR_ON_DESELECT);
        state = JCSystem.makeTransientByteArray(STATE_SIZE, JCSystem.CLEAR_ON_DESELECT);
        cryptogram = JCSystem.makeTransientByteArray(Sm4.BLOCK, JCSystem.CLEAR_ON_DESELECT);
    }

    /** Called before every command but GET CHALLENGE: the last challenge is usable by this command only. */
    void beginCommand() {
        Util.arrayCopyNonAtomic(pending, (short) 0, current, (short) 0, CHALLENGE_MAX);
        state[CURRENT_LENGTH] = state[PENDING_LENGTH];
        state[PENDING_LENGTH] = 0;
        Util.arrayFillNonAtomic(pending, (short) 0, CHALLENGE_MAX, (byte) 0);
    }

    /** GET CHALLENGE {@code 00 84 00 00 04|08}. */
    void getChallenge(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        Apdus.requireCla(buf, CardConstants.CLA_ISO);
        Apdus.requireP1P2(buf, CardConstants.P1_GET_CHALLENGE, CardConstants.P2_GET_CHALLENGE);
        short le = apdu.setOutgoing();
        if (le != SHORT_CHALLENGE && le != CHALLENGE_MAX) {
            ISOException.throwIt(CardConstants.SW_WRONG_LENGTH);
        }
        random.nextBytes(pending, (short) 0, le);
        state[PENDING_LENGTH] = (byte) le;
        Util.arrayCopyNonAtomic(pending, (short) 0, buf, (short) 0, le);
        apdu.setOutgoingLength(le);
        apdu.sendBytes((short) 0, le);
    }

    /** Card random numbers (the 4-byte random of INITIALIZE). */
    public void random(byte[] out, short off, short len) {
        random.nextBytes(out, off, len);
    }

    /** The challenge this command may use; refuses it with 6985 when there is none of at least {@code minLength}. */
    byte[] requireChallenge(short minLength) {
        if ((short) state[CURRENT_LENGTH] < minLength) {
            ISOException.throwIt(CardConstants.SW_CONDITIONS_NOT_SATISFIED);
        }
        state[CURRENT_LENGTH] = 0;
        return current;
    }

    /**
     * EXTERNAL AUTHENTICATE: checks {@code 3DES-ECB(key, challenge(8))} (Lc 08), or the SM4 form
     * {@code SM4-ECB(key, challenge(8) ‖ 80 00 …)} (Lc 10), in the data field against the challenge of the preceding
     * GET CHALLENGE. With {@code cardAlgorithm} the form is the one of the algorithm the crypto engine has (the card's
     * keys'), else the one the length names (a blank card, whose first PUT KEY has not fixed its algorithm yet). The
     * try counter ({@code tries[triesOff]}) is decremented before the comparison and restored only by a success; at
     * zero the key is blocked (6983). Answers 6982 on a wrong cryptogram, 6700 on another length.
     */
    void externalAuthenticate(APDU apdu, DESKey key, byte[] tries, short triesOff, boolean cardAlgorithm) {
        byte[] buf = apdu.getBuffer();
        short lc = Apdus.receive(apdu);
        if (!cardAlgorithm) {
            crypto.useAlgorithm(lc == Sm4.BLOCK ? CardConstants.ALG_SM4 : CardConstants.ALG_TDES);
        }
        short length = crypto.cryptogramLength();
        if (lc != length) {
            ISOException.throwIt(CardConstants.SW_WRONG_LENGTH);
        }
        if (key == null || !key.isInitialized()) {
            ISOException.throwIt(CardConstants.SW_KEY_NOT_FOUND);
        }
        if (tries[triesOff] <= 0) {
            ISOException.throwIt(CardConstants.SW_PIN_BLOCKED);
        }
        byte[] challenge = requireChallenge(CHALLENGE_MAX);
        tries[triesOff]--; // outside any transaction: a tear after this line still counts the try
        Util.arrayCopyNonAtomic(challenge, (short) 0, cryptogram, (short) 0, CHALLENGE_MAX);
        crypto.extendBlock(cryptogram, (short) 0);
        crypto.ecb(key, Cipher.MODE_ENCRYPT, cryptogram, (short) 0, length, cryptogram, (short) 0);
        boolean ok = Util.arrayCompare(cryptogram, (short) 0, buf, ISO7816.OFFSET_CDATA, length) == 0;
        Util.arrayFillNonAtomic(cryptogram, (short) 0, Sm4.BLOCK, (byte) 0);
        if (!ok) {
            ISOException.throwIt(
                    tries[triesOff] == 0
                            ? CardConstants.SW_PIN_BLOCKED
                            : CardConstants.SW_SECURITY_STATUS_NOT_SATISFIED);
        }
        tries[triesOff] = (byte) CardConstants.AUTH_TRY_LIMIT;
    }

    /**
     * Checks the secure-messaging MAC of the command in the APDU buffer: the last 4 data bytes are
     * {@code MAC(key, ICV = challenge ‖ 00000000, CLA ‖ INS ‖ P1 ‖ P2 ‖ Lc ‖ data)}. Answers 6985 without a
     * challenge and 9302 on a wrong MAC. Returns the length of the data without the MAC.
     */
    public short verifyCommandMac(byte[] buf, short lc, DESKey key) {
        if (lc < CryptoEngine.MAC_LENGTH) {
            ISOException.throwIt(CardConstants.SW_WRONG_LENGTH);
        }
        if (key == null || !key.isInitialized()) {
            ISOException.throwIt(CardConstants.SW_KEY_NOT_FOUND);
        }
        byte[] challenge = requireChallenge(SHORT_CHALLENGE);
        short dataLength = (short) (lc - CryptoEngine.MAC_LENGTH);
        crypto.macBeginWithChallenge(key, challenge, (short) 0);
        crypto.macUpdate(buf, ISO7816.OFFSET_CLA, (short) (ISO7816.OFFSET_CDATA + dataLength));
        if (!crypto.macMatches(buf, (short) (ISO7816.OFFSET_CDATA + dataLength))) {
            ISOException.throwIt(CardConstants.SW_MAC_INVALID);
        }
        return dataLength;
    }

    /** Begins a MAC with ICV = the command's challenge ‖ 00000000 (RELOAD PIN); 6985 without a challenge. */
    public void beginChallengeMac(DESKey key) {
        if (key == null || !key.isInitialized()) {
            ISOException.throwIt(CardConstants.SW_KEY_NOT_FOUND);
        }
        crypto.macBeginWithChallenge(key, requireChallenge(SHORT_CHALLENGE), (short) 0);
    }
}
