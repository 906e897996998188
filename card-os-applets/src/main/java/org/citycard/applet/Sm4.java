package org.citycard.applet;

import javacard.framework.JCSystem;
import javacard.framework.Util;

/**
 * The SM4 block cipher (GB/T 32907-2016) in the Java Card subset, for the SM4 profile of CARD-SPEC §7: the Java Card
 * 3.0.5 API has no SM4, so the applets carry their own (a production card would use its vendor's). Byte and short
 * arithmetic only: a 32-bit word is 4 bytes, big-endian. The S-box, CK and FK tables are persistent arrays built
 * by the constructor (a Java Card library package may not hold initialised static arrays; the S-box is computed
 * from its algebraic form, {@code S(x) = A(I(A(x) + D3)) + D3} in GF(2^8) mod {@code x^8+x^7+x^6+x^5+x^4+x^2+1},
 * {@code I} the inverse, {@code A(x) = x ^ x<<<1 ^ x<<<3 ^ x<<<6 ^ x<<<7}); the round keys of the key in use and the
 * cipher state live in RAM. Nothing is allocated after install.
 */
public final class Sm4 {
    /** SM4's block and key length. */
    public static final short BLOCK = 16;

    private static final short ROUNDS = 32;
    private static final short WORD = 4;
    private static final short ROUND_KEYS = (short) (ROUNDS * WORD);
    // RAM work area: state X (16) ‖ round input (4) ‖ rotated word (4)
    private static final short X = 0;
    private static final short IN = 16;
    private static final short ROT = 20;
    private static final short WORK_SIZE = 24;
    private static final short GF_POLY = 0x1F5;
    private static final byte AFFINE_CONSTANT = (byte) 0xD3;

    private final byte[] sbox;
    private final byte[] ck;
    private final byte[] fk;
    private final byte[] roundKeys;
    private final byte[] work;

    Sm4() {
        sbox = new byte[256];
        ck = new byte[ROUND_KEYS];
        fk = new byte[BLOCK];
        roundKeys = JCSystem.makeTransientByteArray(ROUND_KEYS, JCSystem.CLEAR_ON_DESELECT);
        work = JCSystem.makeTransientByteArray(WORK_SIZE, JCSystem.CLEAR_ON_DESELECT);
        buildTables();
    }

    /** S-box, CK ({@code ck[i][j] = (4i + j) * 7 mod 256}) and FK, once at install. */
    private void buildTables() {
        for (short x = 0; x < 256; x++) {
            short inverted = inverse((short) ((affine((byte) x) ^ AFFINE_CONSTANT) & 0xFF));
            sbox[x] = (byte) (affine((byte) inverted) ^ AFFINE_CONSTANT);
        }
        for (short i = 0; i < ROUND_KEYS; i++) {
            ck[i] = (byte) (i * 7);
        }
        // FK = A3B1BAC6 56AA3350 677D9197 B27022DC
        fk[0] = (byte) 0xA3;
        fk[1] = (byte) 0xB1;
        fk[2] = (byte) 0xBA;
        fk[3] = (byte) 0xC6;
        fk[4] = (byte) 0x56;
        fk[5] = (byte) 0xAA;
        fk[6] = (byte) 0x33;
        fk[7] = (byte) 0x50;
        fk[8] = (byte) 0x67;
        fk[9] = (byte) 0x7D;
        fk[10] = (byte) 0x91;
        fk[11] = (byte) 0x97;
        fk[12] = (byte) 0xB2;
        fk[13] = (byte) 0x70;
        fk[14] = (byte) 0x22;
        fk[15] = (byte) 0xDC;
    }

    private static byte rotl(byte x, short n) {
        return (byte) ((short) (x << n) | (short) ((x & 0xFF) >> (short) (8 - n)));
    }

    /** The affine map of the S-box: {@code x ^ x<<<1 ^ x<<<3 ^ x<<<6 ^ x<<<7}. */
    private static byte affine(byte x) {
        return (byte) (x ^ rotl(x, (short) 1) ^ rotl(x, (short) 3) ^ rotl(x, (short) 6) ^ rotl(x, (short) 7));
    }

    private static short gfMultiply(short a, short b) {
        short r = 0;
        while (b != 0) {
            if ((short) (b & 1) != 0) {
                r ^= a;
            }
            b = (short) (b >> 1);
            a = (short) (a << 1);
            if ((short) (a & 0x100) != 0) {
                a ^= GF_POLY;
            }
        }
        return r;
    }

    /** {@code x^254}, the inverse in GF(2^8) (0 for 0). */
    private static short inverse(short x) {
        short result = 1;
        short power = x;
        for (short bit = 1; bit < 8; bit++) {
            power = gfMultiply(power, power);
            result = gfMultiply(result, power);
        }
        return result;
    }

    /** Expands the 16-byte key at {@code key[off]} into the RAM round keys. */
    public void setKey(byte[] key, short off) {
        for (short i = 0; i < BLOCK; i++) {
            work[(short) (X + i)] = (byte) (key[(short) (off + i)] ^ fk[i]);
        }
        for (short r = 0; r < ROUNDS; r++) {
            short out = (short) (r * WORD);
            round(ck, out, r, false);
            Util.arrayCopyNonAtomic(work, (short) (X + (short) ((short) (r & 3) * WORD)), roundKeys, out, WORD);
        }
        Util.arrayFillNonAtomic(work, (short) 0, WORK_SIZE, (byte) 0);
    }

    /** Forgets the round keys. */
    public void clearKey() {
        Util.arrayFillNonAtomic(roundKeys, (short) 0, ROUND_KEYS, (byte) 0);
    }

    /** Encrypts one block with the key of the last {@link #setKey}; {@code out} may be {@code in}. */
    public void encrypt(byte[] in, short inOff, byte[] out, short outOff) {
        crypt(in, inOff, out, outOff, false);
    }

    /** Decrypts one block with the key of the last {@link #setKey}; {@code out} may be {@code in}. */
    public void decrypt(byte[] in, short inOff, byte[] out, short outOff) {
        crypt(in, inOff, out, outOff, true);
    }

    private void crypt(byte[] in, short inOff, byte[] out, short outOff, boolean decrypt) {
        Util.arrayCopyNonAtomic(in, inOff, work, X, BLOCK);
        for (short r = 0; r < ROUNDS; r++) {
            short key = decrypt ? (short) ((short) (ROUNDS - 1 - r) * WORD) : (short) (r * WORD);
            round(roundKeys, key, r, true);
        }
        // the output is X35 ‖ X34 ‖ X33 ‖ X32, in slots 3, 2, 1, 0
        for (short w = 0; w < WORD; w++) {
            Util.arrayCopyNonAtomic(
                    work, (short) (X + (short) ((short) (3 - w) * WORD)), out, (short) (outOff + w * WORD), WORD);
        }
        Util.arrayFillNonAtomic(work, (short) 0, WORK_SIZE, (byte) 0);
    }

    /**
     * One round on the state in {@code work[X..X+16)}, whose word slot {@code r mod 4} holds X(r):
     * {@code X(r+4) = X(r) ^ T(X(r+1) ^ X(r+2) ^ X(r+3) ^ k)}, written over X(r). {@code k} is 4 bytes of
     * {@code keys} at {@code keyOff}; {@code cipher} chooses the linear map of encryption (L) or of the key
     * schedule (L').
     */
    private void round(byte[] keys, short keyOff, short r, boolean cipher) {
        short slot = (short) (X + (short) ((short) (r & 3) * WORD));
        short s1 = (short) (X + (short) ((short) ((short) (r + 1) & 3) * WORD));
        short s2 = (short) (X + (short) ((short) ((short) (r + 2) & 3) * WORD));
        short s3 = (short) (X + (short) ((short) ((short) (r + 3) & 3) * WORD));
        for (short i = 0; i < WORD; i++) {
            byte b = (byte) (work[(short) (s1 + i)]
                    ^ work[(short) (s2 + i)]
                    ^ work[(short) (s3 + i)]
                    ^ keys[(short) (keyOff + i)]);
            work[(short) (IN + i)] = sbox[(short) (b & 0xFF)];
        }
        if (cipher) {
            // L(B) = B ^ B<<<2 ^ B<<<10 ^ B<<<18 ^ B<<<24
            rotateBits((short) 2);
            xorWord(slot, IN, (short) 0);
            xorWord(slot, ROT, (short) 0);
            xorWord(slot, ROT, (short) 1);
            xorWord(slot, ROT, (short) 2);
            xorWord(slot, IN, (short) 3);
        } else {
            // L'(B) = B ^ B<<<13 ^ B<<<23
            xorWord(slot, IN, (short) 0);
            rotateBits((short) 5);
            xorWord(slot, ROT, (short) 1);
            rotateBits((short) 7);
            xorWord(slot, ROT, (short) 2);
        }
    }

    /** {@code work[ROT..+4) = work[IN..+4) <<< n}, 0 < n < 8. */
    private void rotateBits(short n) {
        short back = (short) (8 - n);
        for (short i = 0; i < WORD; i++) {
            short next = (short) (work[(short) (IN + (short) ((short) (i + 1) & 3))] & 0xFF);
            work[(short) (ROT + i)] = (byte) ((short) (work[(short) (IN + i)] << n) | (short) (next >> back));
        }
    }

    /** XORs the 4-byte word at {@code from}, rotated left by {@code bytes} bytes, into the word at {@code to}. */
    private void xorWord(short to, short from, short bytes) {
        for (short i = 0; i < WORD; i++) {
            work[(short) (to + i)] ^= work[(short) (from + (short) ((short) (i + bytes) & 3))];
        }
    }
}
