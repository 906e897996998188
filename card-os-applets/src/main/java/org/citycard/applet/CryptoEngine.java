package org.citycard.applet;

import javacard.framework.JCSystem;
import javacard.framework.Util;
import javacard.security.DESKey;
import javacard.security.Key;
import javacard.security.KeyBuilder;
import javacard.security.Signature;
import javacardx.crypto.Cipher;

/**
 * The card side of CARD-SPEC §4: 3DES-ECB, diversification, session keys and the PBOC MAC (ISO 9797-1 padding 2,
 * single-DES CBC-MAC with an 8-byte key, MAC algorithm 3 with a 16-byte key, first 4 bytes). One instance per
 * applet; every cipher, signature, key and scratch array is allocated by the constructor.
 */
public final class CryptoEngine {
    /** Length of the MAC the commands carry. */
    public static final short MAC_LENGTH = 4;

    private static final short BLOCK = 8;
    private static final short SCRATCH_BLOCK = 0;
    private static final short SCRATCH_ICV = 8;
    private static final short SCRATCH_KEY = 16;
    private static final short SCRATCH_LENGTH = 33;
    /** Which MAC is running: 1 single DES, else retail (kept in RAM, not in a field: no EEPROM write per MAC). */
    private static final short SCRATCH_MAC_KIND = 32;

    private static final byte DES_MAC = 1;

    private final Cipher ecb;
    private final Signature desMac;
    private final Signature retailMac;
    private final DESKey sessionKey;
    private final DESKey derivedKey;
    private final byte[] scratch;

    CryptoEngine() {
        ecb = Cipher.getInstance(Cipher.ALG_DES_ECB_NOPAD, false);
        desMac = Signature.getInstance(Signature.ALG_DES_MAC8_ISO9797_M2, false);
        retailMac = Signature.getInstance(Signature.ALG_DES_MAC8_ISO9797_1_M2_ALG3, false);
        sessionKey = (DESKey) KeyBuilder.buildKey(KeyBuilder.TYPE_DES_TRANSIENT_DESELECT, KeyBuilder.LENGTH_DES, false);
        derivedKey = (DESKey)
                KeyBuilder.buildKey(KeyBuilder.TYPE_DES_TRANSIENT_DESELECT, KeyBuilder.LENGTH_DES3_2KEY, false);
        scratch = JCSystem.makeTransientByteArray(SCRATCH_LENGTH, JCSystem.CLEAR_ON_DESELECT);
    }

    /** A persistent two-key 3DES key slot (16 bytes), allocated at install. */
    public static DESKey newKey() {
        return (DESKey) KeyBuilder.buildKey(KeyBuilder.TYPE_DES, KeyBuilder.LENGTH_DES3_2KEY, false);
    }

    /** ECB of {@code len} bytes (a multiple of 8) with a DES or 3DES key. */
    public void ecb(Key key, byte mode, byte[] in, short inOff, short len, byte[] out, short outOff) {
        ecb.init(key, mode);
        ecb.doFinal(in, inOff, len, out, outOff);
    }

    /** The 8-byte session key 3DES-ECB(key, 8 bytes of {@code in}), kept in RAM until the next one or deselect. */
    public DESKey deriveSessionKey(DESKey key, byte[] in, short inOff) {
        ecb(key, Cipher.MODE_ENCRYPT, in, inOff, BLOCK, scratch, SCRATCH_BLOCK);
        sessionKey.setKey(scratch, SCRATCH_BLOCK);
        Util.arrayFillNonAtomic(scratch, SCRATCH_BLOCK, BLOCK, (byte) 0);
        return sessionKey;
    }

    /** The RAM session key of the last {@link #deriveSessionKey}. */
    public DESKey sessionKey() {
        return sessionKey;
    }

    /** {@code K = 3DES-ECB(MK, D) ‖ 3DES-ECB(MK, NOT D)}, kept in RAM until the next derivation or deselect. */
    public DESKey diversify(DESKey masterKey, byte[] d, short dOff) {
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

    /** The TAC key of a DTK (left half XOR right half), as the RAM session key. */
    public DESKey tacKey(DESKey dtk) {
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
        macBeginWithIcv(key);
    }

    /** Starts a secure-messaging MAC: ICV = challenge(4) ‖ 00000000. */
    public void macBeginWithChallenge(DESKey key, byte[] challenge, short off) {
        Util.arrayFillNonAtomic(scratch, SCRATCH_ICV, BLOCK, (byte) 0);
        Util.arrayCopyNonAtomic(challenge, off, scratch, SCRATCH_ICV, MAC_LENGTH);
        macBeginWithIcv(key);
    }

    private void macBeginWithIcv(DESKey key) {
        scratch[SCRATCH_MAC_KIND] = key.getSize() == KeyBuilder.LENGTH_DES ? DES_MAC : 0;
        activeMac().init(key, Signature.MODE_SIGN, scratch, SCRATCH_ICV, BLOCK);
    }

    private Signature activeMac() {
        return scratch[SCRATCH_MAC_KIND] == DES_MAC ? desMac : retailMac;
    }

    /** Adds data to the MAC being computed. */
    public void macUpdate(byte[] in, short off, short len) {
        activeMac().update(in, off, len);
    }

    /** Adds one byte to the MAC being computed. */
    public void macUpdateByte(byte value) {
        scratch[SCRATCH_BLOCK] = value;
        activeMac().update(scratch, SCRATCH_BLOCK, (short) 1);
    }

    /** Ends the MAC and writes its 4 bytes to {@code out}. */
    public void macFinish(byte[] out, short outOff) {
        activeMac().sign(scratch, SCRATCH_BLOCK, (short) 0, scratch, SCRATCH_BLOCK);
        Util.arrayCopyNonAtomic(scratch, SCRATCH_BLOCK, out, outOff, MAC_LENGTH);
    }

    /** Ends the MAC and compares it with the 4 bytes at {@code mac}. */
    public boolean macMatches(byte[] mac, short macOff) {
        activeMac().sign(scratch, SCRATCH_BLOCK, (short) 0, scratch, SCRATCH_BLOCK);
        return Util.arrayCompare(scratch, SCRATCH_BLOCK, mac, macOff, MAC_LENGTH) == 0;
    }
}
