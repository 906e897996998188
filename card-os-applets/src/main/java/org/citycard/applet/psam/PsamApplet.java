package org.citycard.applet.psam;

import javacard.framework.APDU;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.Util;
import javacard.security.DESKey;
import org.citycard.applet.Apdus;
import org.citycard.applet.BinaryFile;
import org.citycard.applet.ByteMath;
import org.citycard.applet.CityCardApplet;
import org.citycard.applet.CryptoEngine;

/**
 * The terminal's PSAM (CARD-SPEC §3, §4.1, §7): holds an MPK and an MAMK of each algorithm it was personalised with
 * (3DES, SM4 or both) and of up to {@link #VERSION_SLOTS} key versions each (issue 22: it serves the cards of every
 * version it holds, each by the version its INITIALIZE answers), its terminal ID (SFI 16), the issuer it serves (SFI 17) and the terminal transaction sequence
 * number. INIT SAM FOR PURCHASE takes the card's algorithm from its data, derives the card's DPK and the session key
 * and answers TTSN ‖ MAC1; CREDIT SAM FOR PURCHASE checks the card's MAC2 once, with the same algorithm; COMPUTE
 * BLOCK MAC (P1 = the card's algorithm) gives the DAMK MAC a terminal needs to block a hotlisted card.
 */
public final class PsamApplet extends CityCardApplet {
    private static final short FILE_COUNT = 2;
    /** INIT SAM FOR PURCHASE data offsets. */
    private static final short INIT_RANDOM = ISO7816.OFFSET_CDATA;

    private static final short INIT_SEQ = (short) (INIT_RANDOM + CardConstants.LEN_RANDOM);
    private static final short INIT_AMOUNT = (short) (INIT_SEQ + CardConstants.LEN_OFFLINE_SEQ);
    private static final short INIT_TYPE = (short) (INIT_AMOUNT + CardConstants.LEN_AMOUNT);
    private static final short INIT_DATE = (short) (INIT_TYPE + CardConstants.LEN_TRANSACTION_TYPE);
    private static final short INIT_KEY_VERSION =
            (short) (INIT_DATE + CardConstants.LEN_TRANSACTION_DATE + CardConstants.LEN_TRANSACTION_TIME);
    private static final short INIT_ALGORITHM = (short) (INIT_KEY_VERSION + CardConstants.LEN_KEY_VERSION);
    private static final short INIT_DIVERSIFIER = (short) (INIT_ALGORITHM + CardConstants.LEN_ALGORITHM_ID);
    private static final short DIVERSIFIER_LENGTH = 8;
    private static final short INIT_ISSUER = (short) (INIT_DIVERSIFIER + DIVERSIFIER_LENGTH);
    /** COMPUTE BLOCK MAC data offsets. */
    private static final short BLOCK_CHALLENGE = (short) (ISO7816.OFFSET_CDATA + DIVERSIFIER_LENGTH);

    private static final short BLOCK_HEADER = (short) (BLOCK_CHALLENGE + CardConstants.LEN_SM_MAC);
    private static final short HEADER_LENGTH = 5;
    /** SESPK takes the last two bytes of the TTSN. */
    private static final short TTSN_IN_KEY = 2;
    // RAM: pending(1) ‖ amount(4) ‖ session key input(8) ‖ the card's algorithm(1)
    private static final short RAM_PENDING = 0;
    private static final short RAM_AMOUNT = 1;
    private static final short RAM_KEY_INPUT = (short) (RAM_AMOUNT + CardConstants.LEN_AMOUNT);
    private static final short RAM_ALGORITHM = (short) (RAM_KEY_INPUT + 8);
    private static final short RAM_SIZE = (short) (RAM_ALGORITHM + 1);
    /** Key versions held of each master key and algorithm. */
    private static final short VERSION_SLOTS = 4;
    /** Slots of one master key (both algorithms); MPK's come first, then MAMK's. */
    private static final short KEY_SLOTS = (short) (2 * VERSION_SLOTS);

    private static final short SLOTS = (short) (2 * KEY_SLOTS);

    private final BinaryFile terminal;
    private final BinaryFile issuer;
    /** MPK then MAMK; in each, the 3DES slots then the SM4 ones; {@link #slotVersions} says each one's version. */
    private final DESKey[] masterKeys;
    /** The key version of each slot of {@link #masterKeys}; 00 while the slot is free. */
    private final byte[] slotVersions;

    private final byte[] ttsn;
    private final byte[] ram;

    private PsamApplet(byte[] bArray, short bOffset, byte bLength) {
        super(bArray, bOffset, bLength, FILE_COUNT);
        terminal = new BinaryFile(
                CardConstants.SFI_PSAM_PSAM16,
                CardConstants.READ_ACCESS_PSAM_PSAM16,
                CardConstants.UPDATE_ACCESS_PSAM_PSAM16,
                CardConstants.SIZE_PSAM_PSAM16);
        issuer = new BinaryFile(
                CardConstants.SFI_PSAM_PSAM17,
                CardConstants.READ_ACCESS_PSAM_PSAM17,
                CardConstants.UPDATE_ACCESS_PSAM_PSAM17,
                CardConstants.SIZE_PSAM_PSAM17);
        files.add(terminal);
        files.add(issuer);
        masterKeys = new DESKey[SLOTS];
        for (short i = 0; i < SLOTS; i++) {
            masterKeys[i] = CryptoEngine.newKey();
        }
        slotVersions = new byte[SLOTS];
        ttsn = new byte[CardConstants.LEN_TTSN];
        ram = JCSystem.makeTransientByteArray(RAM_SIZE, JCSystem.CLEAR_ON_DESELECT);
    }

    public static void install(byte[] bArray, short bOffset, byte bLength) {
        new PsamApplet(bArray, bOffset, bLength).registerInstance(bArray, bOffset, bLength);
    }

    protected void dispatch(APDU apdu, byte ins) {
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
            case CardConstants.INS_UPDATE_BINARY:
                files.update(apdu);
                return;
            case CardConstants.INS_INIT_SAM_FOR_PURCHASE:
                initSamForPurchase(apdu);
                return;
            case CardConstants.INS_CREDIT_SAM_FOR_PURCHASE:
                creditSamForPurchase(apdu);
                return;
            case CardConstants.INS_COMPUTE_BLOCK_MAC:
                computeBlockMac(apdu);
                return;
            default:
                ISOException.throwIt(CardConstants.SW_INS_NOT_SUPPORTED);
        }
    }

    /** SELECT: the FCI {@code 6F L 84 L <AID>}. */
    protected void select(APDU apdu) {
        ram[RAM_PENDING] = 0;
        sendAidFci(apdu, CardConstants.AID_PSAM);
    }

    /** INIT SAM FOR PURCHASE {@code 80 70 00 00 24}: answers TTSN ‖ MAC1 and moves the TTSN on. */
    private void initSamForPurchase(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        samCommand(apdu, CardConstants.P1_INIT_SAM_FOR_PURCHASE, CardConstants.P2_INIT_SAM_FOR_PURCHASE);
        ram[RAM_PENDING] = 0;
        Apdus.receiveExactly(apdu, CardConstants.LC_INIT_SAM_FOR_PURCHASE);
        byte algorithm = buf[INIT_ALGORITHM];
        byte type = buf[INIT_TYPE];
        if (!CryptoEngine.isAlgorithm(algorithm)
                || (type != CardConstants.TX_PURCHASE && type != CardConstants.TX_COMPOUND_PURCHASE)) {
            ISOException.throwIt(CardConstants.SW_WRONG_DATA);
        }
        // the MPK of the card's algorithm and key version (9403 when the PSAM holds none)
        DESKey masterKey = masterKey(CardConstants.KEY_ID_PSAM_MPK, algorithm, buf[INIT_KEY_VERSION]);
        if (Util.arrayCompare(buf, INIT_ISSUER, issuer.content(), (short) 0, CardConstants.LEN_ISSUER_ID) != 0) {
            ISOException.throwIt(CardConstants.SW_KEY_NOT_FOUND);
        }
        crypto.useAlgorithm(algorithm);
        ram[RAM_ALGORITHM] = algorithm;
        if (ByteMath.allEqual(ttsn, (short) 0, CardConstants.LEN_TTSN, (byte) 0xFF)) {
            ISOException.throwIt(CardConstants.SW_CONDITIONS_NOT_SATISFIED); // the TTSN is used up
        }
        // the new TTSN is persistent before any MAC leaves the PSAM
        Util.arrayCopyNonAtomic(ttsn, (short) 0, ram, RAM_KEY_INPUT, CardConstants.LEN_TTSN);
        ByteMath.increment(ram, RAM_KEY_INPUT, CardConstants.LEN_TTSN);
        Util.arrayCopy(ram, RAM_KEY_INPUT, ttsn, (short) 0, CardConstants.LEN_TTSN);

        // SESPK = 3DES-ECB(DPK, random ‖ offline seq ‖ TTSN[2..3]), DPK = diversify(MPK, ASN right 8) (SM4: §7)
        DESKey dpk = crypto.diversify(masterKey, buf, INIT_DIVERSIFIER);
        short off = Util.arrayCopyNonAtomic(buf, INIT_RANDOM, ram, RAM_KEY_INPUT, CardConstants.LEN_RANDOM);
        off = Util.arrayCopyNonAtomic(buf, INIT_SEQ, ram, off, CardConstants.LEN_OFFLINE_SEQ);
        Util.arrayCopyNonAtomic(ttsn, (short) (CardConstants.LEN_TTSN - TTSN_IN_KEY), ram, off, TTSN_IN_KEY);
        DESKey sespk = crypto.deriveSessionKey(dpk, ram, RAM_KEY_INPUT);

        // MAC1 = MAC(SESPK, amount ‖ type ‖ terminal ID ‖ date ‖ time)
        crypto.macBegin(sespk);
        crypto.macUpdate(buf, INIT_AMOUNT, (short) (CardConstants.LEN_AMOUNT + CardConstants.LEN_TRANSACTION_TYPE));
        crypto.macUpdate(terminal.content(), (short) 0, CardConstants.LEN_TERMINAL_ID);
        crypto.macUpdate(
                buf, INIT_DATE, (short) (CardConstants.LEN_TRANSACTION_DATE + CardConstants.LEN_TRANSACTION_TIME));
        Util.arrayCopyNonAtomic(buf, INIT_AMOUNT, ram, RAM_AMOUNT, CardConstants.LEN_AMOUNT);
        off = Util.arrayCopyNonAtomic(ttsn, (short) 0, buf, (short) 0, CardConstants.LEN_TTSN);
        crypto.macFinish(buf, off);
        ram[RAM_PENDING] = 1;
        Apdus.send(apdu, (short) 0, (short) (off + CardConstants.LEN_MAC1));
    }

    /** CREDIT SAM FOR PURCHASE {@code 80 72 00 00 04 MAC2}: 9000 when MAC2 = MAC(SESPK, amount), once. */
    private void creditSamForPurchase(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        samCommand(apdu, CardConstants.P1_CREDIT_SAM_FOR_PURCHASE, CardConstants.P2_CREDIT_SAM_FOR_PURCHASE);
        if (ram[RAM_PENDING] == 0) {
            ISOException.throwIt(CardConstants.SW_CONDITIONS_NOT_SATISFIED);
        }
        Apdus.receiveExactly(apdu, CardConstants.LC_CREDIT_SAM_FOR_PURCHASE);
        ram[RAM_PENDING] = 0;
        crypto.useAlgorithm(ram[RAM_ALGORITHM]);
        crypto.macBegin(crypto.sessionKey());
        crypto.macUpdate(ram, RAM_AMOUNT, CardConstants.LEN_AMOUNT);
        if (!crypto.macMatches(buf, ISO7816.OFFSET_CDATA)) {
            ISOException.throwIt(CardConstants.SW_MAC_INVALID);
        }
    }

    /**
     * COMPUTE BLOCK MAC {@code 80 7A alg version 11} (version 00: 01): ASN right 8 ‖ card challenge ‖ the header of APPLICATION BLOCK or
     * CARD BLOCK; answers MAC(DAMK, ICV = challenge ‖ 00000000, header), DAMK = diversify(MAMK, ASN right 8), by the
     * card's algorithm in P1 (00 3DES, 04 SM4: ICV challenge ‖ twelve 00). 9403 without an MAMK of that algorithm and
     * key version.
     */
    private void computeBlockMac(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        byte algorithm = buf[ISO7816.OFFSET_P1];
        byte version = buf[ISO7816.OFFSET_P2];
        samCommand(apdu, CryptoEngine.isAlgorithm(algorithm) ? algorithm : CardConstants.P1_COMPUTE_BLOCK_MAC, version);
        Apdus.receiveExactly(apdu, CardConstants.LC_COMPUTE_BLOCK_MAC);
        byte ins = buf[(short) (BLOCK_HEADER + ISO7816.OFFSET_INS)];
        boolean appBlock = ins == CardConstants.INS_APPLICATION_BLOCK;
        if (buf[(short) (BLOCK_HEADER + ISO7816.OFFSET_CLA)] != CardConstants.CLA_PROPRIETARY_SECURE_MESSAGING
                || (!appBlock && ins != CardConstants.INS_CARD_BLOCK)
                || buf[(short) (BLOCK_HEADER + ISO7816.OFFSET_P1)]
                        != (appBlock ? CardConstants.P1_APPLICATION_BLOCK : CardConstants.P1_CARD_BLOCK)
                || buf[(short) (BLOCK_HEADER + ISO7816.OFFSET_P2)]
                        != (appBlock ? CardConstants.P2_APPLICATION_BLOCK : CardConstants.P2_CARD_BLOCK)
                || buf[(short) (BLOCK_HEADER + ISO7816.OFFSET_LC)]
                        != (appBlock ? CardConstants.LC_APPLICATION_BLOCK : CardConstants.LC_CARD_BLOCK)) {
            ISOException.throwIt(CardConstants.SW_WRONG_DATA); // a PSAM never computes an unblock
        }
        DESKey masterKey = masterKey(
                CardConstants.KEY_ID_PSAM_MAMK, algorithm, version == 0 ? CardConstants.KEY_VERSION : version);
        crypto.useAlgorithm(algorithm);
        DESKey damk = crypto.diversify(masterKey, buf, ISO7816.OFFSET_CDATA);
        crypto.macBeginWithChallenge(damk, buf, BLOCK_CHALLENGE);
        crypto.macUpdate(buf, BLOCK_HEADER, HEADER_LENGTH);
        crypto.macFinish(buf, (short) 0);
        Apdus.send(apdu, (short) 0, CardConstants.LEN_SM_MAC);
    }

    /** The checks of every PSAM command: CLA 80, issued, P1 / P2. */
    private void samCommand(APDU apdu, byte p1, byte p2) {
        byte[] buf = apdu.getBuffer();
        Apdus.requireCla(buf, CardConstants.CLA_PROPRIETARY);
        requireIssued();
        Apdus.requireP1P2(buf, p1, p2);
    }

    /** The first slot of a master key's slots of an algorithm, or -1 for a key ID the PSAM does not hold. */
    private static short slotBase(byte keyId, byte algorithm) {
        short base = algorithm == CardConstants.ALG_SM4 ? VERSION_SLOTS : 0;
        if (keyId == CardConstants.KEY_ID_PSAM_MPK) {
            return base;
        }
        if (keyId == CardConstants.KEY_ID_PSAM_MAMK) {
            return (short) (base + KEY_SLOTS);
        }
        return -1;
    }

    /** The slot of {@code keyId}'s key of {@code algorithm} and {@code version} that holds a key, or -1. */
    private short loadedSlot(short base, byte version) {
        for (short i = base; i < (short) (base + VERSION_SLOTS); i++) {
            if (slotVersions[i] == version && loaded(masterKeys[i])) {
                return i;
            }
        }
        return -1;
    }

    /** The master key of a card's algorithm and key version; 9403 when the PSAM holds none. */
    private DESKey masterKey(byte keyId, byte algorithm, byte version) {
        short slot = loadedSlot(slotBase(keyId, algorithm), version);
        if (slot < 0) {
            ISOException.throwIt(CardConstants.SW_KEY_NOT_FOUND);
        }
        return masterKeys[slot];
    }

    /** PUT KEY's existence check: the first slot of the key, null for a key ID the PSAM does not hold. */
    protected DESKey keySlot(byte keyId, byte algorithm) {
        short base = slotBase(keyId, algorithm);
        return base < 0 ? null : masterKeys[base];
    }

    /**
     * The slot a PUT KEY of {@code version} writes: the one of that version, else a free one (taken for that
     * version); 6A80 for version 00 or when the key's slots of that algorithm are all taken.
     */
    protected DESKey keySlot(byte keyId, byte algorithm, byte version) {
        short base = slotBase(keyId, algorithm);
        short free = -1;
        for (short i = base; i < (short) (base + VERSION_SLOTS); i++) {
            if (slotVersions[i] == version) {
                return masterKeys[i];
            }
            if (free < 0 && slotVersions[i] == 0) {
                free = i;
            }
        }
        if (free < 0 || version == 0) {
            ISOException.throwIt(CardConstants.SW_WRONG_DATA);
        }
        slotVersions[free] = version; // a tear before the key is in leaves a slot without a key: never used
        return masterKeys[free];
    }

    /** The PSAM holds the keys of both algorithms side by side and serves each card by its own. */
    protected boolean holdsBothAlgorithms() {
        return true;
    }

    /**
     * At least one key, and for every MPK of an algorithm and version the MAMK of the same and the other way round:
     * never one key of a version without the other.
     */
    protected boolean personalisationComplete() {
        boolean any = false;
        for (short i = 0; i < SLOTS; i++) {
            if (loaded(masterKeys[i])) {
                any = true;
                short pair = (short) ((short) (i - (short) (i % VERSION_SLOTS) + KEY_SLOTS) % SLOTS);
                if (loadedSlot(pair, slotVersions[i]) < 0) {
                    return false;
                }
            }
        }
        return any && files.isComplete();
    }

    protected boolean isCardBlocked() {
        return false;
    }

    protected boolean isPinValidated() {
        return false;
    }

    protected DESKey maintenanceKey() {
        return null;
    }
}
