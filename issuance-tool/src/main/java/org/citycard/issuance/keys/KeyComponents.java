package org.citycard.issuance.keys;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.CardCrypto;

/**
 * Master keys and their components, per algorithm: a 3DES master key is a two-key triple DES key (16 bytes, odd
 * parity, halves different), an SM4 master key 16 random bytes; either is the XOR of its 2 or 3 components (split
 * knowledge). A key or component is shown only as its check value: the leftmost 3 bytes of ECB(key, one zero block)
 * in the key's algorithm (3DES: 3DES-ECB of 8 zero bytes; SM4: SM4-ECB of 16 zero bytes, issue 16).
 */
public final class KeyComponents {
    public static final int KEY_LENGTH = 16;

    private KeyComponents() {}

    /** The check value of a key or component of {@code algorithm}, 6 hex digits. */
    public static String checkValue(Algorithm algorithm, byte[] key) {
        return CardCrypto.of(algorithm).checkValue(key);
    }

    /** A new random master key of {@code algorithm}. */
    public static byte[] generate(Algorithm algorithm, SecureRandom random) {
        byte[] key = new byte[KEY_LENGTH];
        do {
            random.nextBytes(key);
            if (algorithm == Algorithm.TDES) {
                oddParity(key);
            }
        } while (weak(algorithm, key));
        return key;
    }

    /**
     * Splits {@code key} into {@code count} components (2 or 3) whose XOR is the key: all but the last random, none
     * all zeros. The same for both algorithms (a 3DES component's parity bits are whatever the XOR gives; DES ignores
     * them, and the combined key has the generated key's bytes exactly).
     */
    public static List<byte[]> split(byte[] key, int count, SecureRandom random) {
        if (count < 2 || count > 3) {
            throw new IllegalArgumentException("a key is split into 2 or 3 components, not " + count);
        }
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("a master key is 16 bytes, this one is " + key.length);
        }
        List<byte[]> parts = new ArrayList<>();
        byte[] last = key.clone();
        for (int i = 0; i < count - 1; i++) {
            byte[] p = new byte[KEY_LENGTH];
            do {
                random.nextBytes(p);
            } while (allZero(p) || Arrays.equals(p, last));
            parts.add(p);
            for (int j = 0; j < KEY_LENGTH; j++) {
                last[j] ^= p[j];
            }
        }
        parts.add(last);
        return parts;
    }

    /** The XOR of the components. */
    public static byte[] combine(List<byte[]> components) {
        byte[] key = new byte[KEY_LENGTH];
        for (byte[] c : components) {
            if (c.length != KEY_LENGTH) {
                throw new IllegalArgumentException("a component is 16 bytes, this one is " + c.length);
            }
            for (int j = 0; j < KEY_LENGTH; j++) {
                key[j] ^= c[j];
            }
        }
        return key;
    }

    /** A key no ceremony accepts: all zeros; for 3DES equal halves (single DES) ignoring parity. */
    static boolean weak(Algorithm algorithm, byte[] key) {
        if (allZero(key)) {
            return true;
        }
        if (algorithm == Algorithm.TDES) {
            for (int i = 0; i < 8; i++) {
                if ((key[i] & 0xFE) != (key[i + 8] & 0xFE)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static void oddParity(byte[] key) {
        for (int i = 0; i < key.length; i++) {
            int b = key[i] & 0xFE;
            key[i] = (byte) (Integer.bitCount(b) % 2 == 0 ? b | 1 : b);
        }
    }
}
