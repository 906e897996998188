package org.citycard.applet;

import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.Util;
import javacard.security.DESKey;
import javacard.security.KeyBuilder;
import javacard.security.Signature;
import javacardx.crypto.Cipher;

/**
 * The card side of CARD-SPEC §4 and of its SM4 profile (§7), chosen by the algorithm of the command
 * ({@link #useAlgorithm}): 3DES-ECB or SM4-ECB, diversification, session keys, TAC key and the PBOC MAC (ISO 9797-1
 * padding 2; 3DES: single-DES CBC-MAC with an 8-byte key, MAC algorithm 3 with a 16-byte key; SM4: CBC-MAC over
 * 16-byte blocks; first 4 bytes). The Java Card API has no SM4 key type, so an SM4 key is the 16 bytes of the same
 * persistent 16-byte key object a 3DES key lives in, read into RAM for the {@link Sm4} key schedule. One instance per
 * applet; every cipher, signature, key and scratch array is allocated by the constructor.
 */
public final class CryptoEngine {
    /** Length of the MAC the commands carry. */
    public static final short MAC_LENGTH = 4;
    /** The 8-byte block of the 3DES profile (challenges, session-key inputs, PIN blocks). */
    public static final short DES_BLOCK = 8;

    private static final short BLOCK = DES_BLOCK;
    private static final short SCRATCH_BLOCK = 0;
    private static final short SCRATCH_ICV = 8;
    private static final short SCRATCH_KEY = 16;
    /** Which MAC is running: {@link #DES_MAC}, {@link #SM4_MAC}, else retail (in RAM: no EEPROM write per MAC). */
    private static final short SCRATCH_MAC_KIND = 32;
    /** The algorithm of the command being processed (CARD-SPEC §3 algorithm ID). */
    private static final short SCRATCH_ALGORITHM = 33;
    /** SM4 CBC-MAC state (16) and how many bytes of the current block it has taken. */
    private static final short SCRATCH_SM4_STATE = 34;

    private static final short SCRATCH_SM4_FILL = (short) (SCRATCH_SM4_STATE + Sm4.BLOCK);
    /** One SM4 block of work (diversification and session-key input). */
    private static final short SCRATCH_SM4_BLOCK = (short) (SCRATCH_SM4_FILL + 1);

    private static final short SCRATCH_LENGTH = (short) (SCRATCH_SM4_BLOCK + Sm4.BLOCK);

    private static final byte DES_MAC = 1;
    private static final byte SM4_MAC = 2;
    /** The padding byte of ISO 9797-1 method 2, and of an 8-byte block extended to an SM4 block. */
    private static final byte PAD = (byte) 0x80;

    private final Cipher ecb;
    private final Signature desMac;
    private final Signature retailMac;
    private final DESKey sessionKey;
    private final DESKey wideSessionKey;
    private final DESKey derivedKey;
    private final Sm4 sm4;
    private final byte[] scratch;

    CryptoEngine() {
        ecb = Cipher.getInstance(Cipher.ALG_DES_ECB_NOPAD, false);
        desMac = Signature.getInstance(Signature.ALG_DES_MAC8_ISO9797_M2, false);
        retailMac = Signature.getInstance(Signature.ALG_DES_MAC8_ISO9797_1_M2_ALG3, false);
        sessionKey = (DESKey) KeyBuilder.buildKey(KeyBuilder.TYPE_DES_TRANSIENT_DESELECT, KeyBuilder.LENGTH_DES, false);
        wideSessionKey = (DESKey)
                KeyBuilder.buildKey(KeyBuilder.TYPE_DES_TRANSIENT_DESELECT, KeyBuilder.LENGTH_DES3_2KEY, false);
        derivedKey = (DESKey)
                KeyBuilder.buildKey(KeyBuilder.TYPE_DES_TRANSIENT_DESELECT, KeyBuilder.LENGTH_DES3_2KEY, false);
        sm4 = new Sm4();
        scratch = JCSystem.makeTransientByteArray(SCRATCH_LENGTH, JCSystem.CLEAR_ON_DESELECT);
    }

    /** A persistent 16-byte key slot (a two-key 3DES key or an SM4 key), allocated at install. */
    public static DESKey newKey() {
        return (DESKey) KeyBuilder.buildKey(KeyBuilder.TYPE_DES, KeyBuilder.LENGTH_DES3_2KEY, false);
    }

    /** True for the algorithm IDs a card serves: 00 3DES, 04 SM4. */
    public static boolean isAlgorithm(byte algorithm) {
        return algorithm == CardConstants.ALG_TDES || algorithm == CardConstants.ALG_SM4;
    }

    /** The algorithm of what follows (00 3DES, 04 SM4); 6A80 for another. Kept in RAM. */
    public void useAlgorithm(byte algorithm) {
        if (!isAlgorithm(algorithm)) {
            ISOException.throwIt(CardConstants.SW_WRONG_DATA);
        }
        scratch[SCRATCH_ALGORITHM] = algorithm;
    }

    public boolean isSm4() {
        return scratch[SCRATCH_ALGORITHM] == CardConstants.ALG_SM4;
    }

    /**
     * The length of an 8-byte block of the 3DES profile once encrypted: 8, or 16 for SM4 (the block extended with
     * {@code 80 00 00 00 00 00 00 00}, CARD-SPEC §7).
     */
    public short cryptogramLength() {
        return isSm4() ? Sm4.BLOCK : BLOCK;
    }

    /**
     * Extends the 8-byte block at {@code buf[off]} in place to {@link #cryptogramLength()} bytes (SM4: appends
     * {@code 80 00 …}); returns that length.
     */
    public short extendBlock(byte[] buf, short off) {
        if (isSm4()) {
            buf[(short) (off + BLOCK)] = PAD;
            Util.arrayFillNonAtomic(buf, (short) (off + BLOCK + 1), (short) (BLOCK - 1), (byte) 0);
        }
        return cryptogramLength();
    }

    /** True when the decrypted block at {@code buf[off]} carries the extension of {@link #extendBlock} (always for 3DES). */
    public boolean isExtendedBlock(byte[] buf, short off) {
        return !isSm4()
                || (buf[(short) (off + BLOCK)] == PAD
                        && ByteMath.allEqual(buf, (short) (off + BLOCK + 1), (short) (BLOCK - 1), (byte) 0));
    }

    /** ECB of {@code len} bytes (a multiple of 8, of 16 for SM4) with a DES, 3DES or SM4 key. */
    public void ecb(DESKey key, byte mode, byte[] in, short inOff, short len, byte[] out, short outOff) {
        if (!isSm4()) {
            ecb.init(key, mode);
            ecb.doFinal(in, inOff, len, out, outOff);
            return;
        }
        loadSm4Key(key);
        for (short i = 0; i < len; i = (short) (i + Sm4.BLOCK)) {
            if (mode == Cipher.MODE_ENCRYPT) {
                sm4.encrypt(in, (short) (inOff + i), out, (short) (outOff + i));
            } else {
                sm4.decrypt(in, (short) (inOff + i), out, (short) (outOff + i));
            }
        }
        sm4.clearKey();
    }

    private void loadSm4Key(DESKey key) {
        key.getKey(scratch, SCRATCH_KEY);
        sm4.setKey(scratch, SCRATCH_KEY);
        Util.arrayFillNonAtomic(scratch, SCRATCH_KEY, Sm4.BLOCK, (byte) 0);
    }

    /**
     * The session key 3DES-ECB(key, 8 bytes of {@code in}) (8 bytes), or SM4-ECB(key, the 8 bytes ‖ 80 00 …) (16),
     * kept in RAM until the next one or deselect.
     */
    public DESKey deriveSessionKey(DESKey key, byte[] in, short inOff) {
        if (isSm4()) {
            Util.arrayCopyNonAtomic(in, inOff, scratch, SCRATCH_SM4_BLOCK, BLOCK);
            extendBlock(scratch, SCRATCH_SM4_BLOCK);
            ecb(key, Cipher.MODE_ENCRYPT, scratch, SCRATCH_SM4_BLOCK, Sm4.BLOCK, scratch, SCRATCH_SM4_BLOCK);
            wideSessionKey.setKey(scratch, SCRATCH_SM4_BLOCK);
            Util.arrayFillNonAtomic(scratch, SCRATCH_SM4_BLOCK, Sm4.BLOCK, (byte) 0);
            return wideSessionKey;
        }
        ecb(key, Cipher.MODE_ENCRYPT, in, inOff, BLOCK, scratch, SCRATCH_BLOCK);
        sessionKey.setKey(scratch, SCRATCH_BLOCK);
        Util.arrayFillNonAtomic(scratch, SCRATCH_BLOCK, BLOCK, (byte) 0);
        return sessionKey;
    }

    /** The RAM session key of the last {@link #deriveSessionKey} of the current algorithm. */
    public DESKey sessionKey() {
        return isSm4() ? wideSessionKey : sessionKey;
    }

    /**
     * {@code K = 3DES-ECB(MK, D) ‖ 3DES-ECB(MK, NOT D)}, or {@code SM4-ECB(MK, D ‖ NOT D)}, kept in RAM until the
     * next derivation or deselect.
     */
    public DESKey diversify(DESKey masterKey, byte[] d, short dOff) {
        if (isSm4()) {
            Util.arrayCopyNonAtomic(d, dOff, scratch, SCRATCH_SM4_BLOCK, BLOCK);
            for (short i = 0; i < BLOCK; i++) {
                scratch[(short) (SCRATCH_SM4_BLOCK + BLOCK + i)] = (byte) ~d[(short) (dOff + i)];
            }
            ecb(masterKey, Cipher.MODE_ENCRYPT, scratch, SCRATCH_SM4_BLOCK, Sm4.BLOCK, scratch, SCRATCH_SM4_BLOCK);
            derivedKey.setKey(scratch, SCRATCH_SM4_BLOCK);
            Util.arrayFillNonAtomic(scratch, SCRATCH_SM4_BLOCK, Sm4.BLOCK, (byte) 0);
            return derivedKey;
        }
        ecb.init(masterKey, Cipher.MODE_ENCRYPT);
        ecb.doFinal(d, dOff, BLOCK, scratch, SCRATCH_KEY);
        Util.arrayCopyNonAtomic(d, dOff, scratch, SCRATCH_BLOCK, BLOCK);
        for (short i = SCRATCH_BLOCK; i < (short) (SCRATCH_BLOCK + BLOCK); i++) {
            scratch[i] = (byte) ~scratch[i];
        }
        ecb.doFinal(scratch, SCRATCH_BLOCK, BLOCK, scratch, (short) (SCRATCH_KEY + BLOCK));
        derivedKey.setKey(scratch, SCRATCH_KEY);
        Util.arrayFillNonAtomic(scratch, SCRATCH_BLOCK, (short) (SCRATCH_KEY + 2 * BLOCK), (byte) 0);
        return derivedKey;
    }

    /** The TAC key of a DTK: 3DES left half XOR right half, as the RAM session key; SM4 the DTK itself. */
    public DESKey tacKey(DESKey dtk) {
        if (isSm4()) {
            return dtk;
        }
        dtk.getKey(scratch, SCRATCH_KEY);
        for (short i = 0; i < BLOCK; i++) {
            scratch[(short) (SCRATCH_KEY + i)] ^= scratch[(short) (SCRATCH_KEY + BLOCK + i)];
        }
        sessionKey.setKey(scratch, SCRATCH_KEY);
        Util.arrayFillNonAtomic(scratch, SCRATCH_KEY, (short) (2 * BLOCK), (byte) 0);
        return sessionKey;
    }

    /** Starts a MAC with a zero ICV. */
    public void macBegin(DESKey key) {
        Util.arrayFillNonAtomic(scratch, SCRATCH_ICV, BLOCK, (byte) 0);
        Util.arrayFillNonAtomic(scratch, SCRATCH_SM4_STATE, Sm4.BLOCK, (byte) 0);
        macBeginWithIcv(key);
    }

    /** Starts a secure-messaging MAC: ICV = challenge(4) ‖ 00000000 (SM4: ‖ twelve 00 bytes). */
    public void macBeginWithChallenge(DESKey key, byte[] challenge, short off) {
        Util.arrayFillNonAtomic(scratch, SCRATCH_ICV, BLOCK, (byte) 0);
        Util.arrayCopyNonAtomic(challenge, off, scratch, SCRATCH_ICV, MAC_LENGTH);
        Util.arrayFillNonAtomic(scratch, SCRATCH_SM4_STATE, Sm4.BLOCK, (byte) 0);
        Util.arrayCopyNonAtomic(challenge, off, scratch, SCRATCH_SM4_STATE, MAC_LENGTH);
        macBeginWithIcv(key);
    }

    private void macBeginWithIcv(DESKey key) {
        if (isSm4()) {
            scratch[SCRATCH_MAC_KIND] = SM4_MAC;
            scratch[SCRATCH_SM4_FILL] = 0;
            loadSm4Key(key);
            return;
        }
        scratch[SCRATCH_MAC_KIND] = key.getSize() == KeyBuilder.LENGTH_DES ? DES_MAC : 0;
        activeMac().init(key, Signature.MODE_SIGN, scratch, SCRATCH_ICV, BLOCK);
    }

    private Signature activeMac() {
        return scratch[SCRATCH_MAC_KIND] == DES_MAC ? desMac : retailMac;
    }

    /** Adds data to the MAC being computed. */
    public void macUpdate(byte[] in, short off, short len) {
        if (scratch[SCRATCH_MAC_KIND] != SM4_MAC) {
            activeMac().update(in, off, len);
            return;
        }
        for (short i = 0; i < len; i++) {
            sm4MacByte(in[(short) (off + i)]);
        }
    }

    /** SM4 CBC-MAC: XOR the byte into the state; a full block is encrypted into the state. */
    private void sm4MacByte(byte value) {
        short fill = scratch[SCRATCH_SM4_FILL];
        scratch[(short) (SCRATCH_SM4_STATE + fill)] ^= value;
        fill++;
        if (fill == Sm4.BLOCK) {
            sm4.encrypt(scratch, SCRATCH_SM4_STATE, scratch, SCRATCH_SM4_STATE);
            fill = 0;
        }
        scratch[SCRATCH_SM4_FILL] = (byte) fill;
    }

    /** Adds one byte to the MAC being computed. */
    public void macUpdateByte(byte value) {
        if (scratch[SCRATCH_MAC_KIND] == SM4_MAC) {
            sm4MacByte(value);
            return;
        }
        scratch[SCRATCH_BLOCK] = value;
        activeMac().update(scratch, SCRATCH_BLOCK, (short) 1);
    }

    /** Ends the MAC and writes its 4 bytes to {@code out}. */
    public void macFinish(byte[] out, short outOff) {
        Util.arrayCopyNonAtomic(scratch, macEnd(), out, outOff, MAC_LENGTH);
        clearMac();
    }

    /** Ends the MAC and compares it with the 4 bytes at {@code mac}. */
    public boolean macMatches(byte[] mac, short macOff) {
        boolean match = Util.arrayCompare(scratch, macEnd(), mac, macOff, MAC_LENGTH) == 0;
        clearMac();
        return match;
    }

    /** Pads and ends the MAC; returns where in the scratch its last block starts. */
    private short macEnd() {
        if (scratch[SCRATCH_MAC_KIND] != SM4_MAC) {
            activeMac().sign(scratch, SCRATCH_BLOCK, (short) 0, scratch, SCRATCH_BLOCK);
            return SCRATCH_BLOCK;
        }
        scratch[(short) (SCRATCH_SM4_STATE + scratch[SCRATCH_SM4_FILL])] ^= PAD;
        sm4.encrypt(scratch, SCRATCH_SM4_STATE, scratch, SCRATCH_SM4_STATE);
        return SCRATCH_SM4_STATE;
    }

    private void clearMac() {
        if (scratch[SCRATCH_MAC_KIND] == SM4_MAC) {
            sm4.clearKey();
        }
    }
}
