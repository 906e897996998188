package org.citycard.applet;

/**
 * Unsigned big-endian arithmetic on byte arrays, because a Java Card has no {@code int}: 4-byte amounts and
 * counters are added, subtracted and compared a byte at a time with {@code short} intermediates.
 */
public final class ByteMath {
    private ByteMath() {}

    /** Compares two unsigned numbers of {@code len} bytes: -1, 0 or 1. */
    public static byte compare(byte[] a, short aOff, byte[] b, short bOff, short len) {
        for (short i = 0; i < len; i++) {
            short x = (short) (a[(short) (aOff + i)] & 0xFF);
            short y = (short) (b[(short) (bOff + i)] & 0xFF);
            if (x != y) {
                return x < y ? (byte) -1 : (byte) 1;
            }
        }
        return 0;
    }

    /** {@code out = a + b} on {@code len} bytes; true when the sum overflowed. {@code out} may be {@code a} or {@code b}. */
    public static boolean add(byte[] a, short aOff, byte[] b, short bOff, byte[] out, short outOff, short len) {
        short carry = 0;
        for (short i = (short) (len - 1); i >= 0; i--) {
            short sum = (short) ((a[(short) (aOff + i)] & 0xFF) + (b[(short) (bOff + i)] & 0xFF) + carry);
            out[(short) (outOff + i)] = (byte) sum;
            carry = (short) ((sum >> 8) & 1);
        }
        return carry != 0;
    }

    /** {@code out = a - b} on {@code len} bytes; true when {@code b > a} (the result then wrapped). */
    public static boolean subtract(byte[] a, short aOff, byte[] b, short bOff, byte[] out, short outOff, short len) {
        short borrow = 0;
        for (short i = (short) (len - 1); i >= 0; i--) {
            short diff = (short) ((a[(short) (aOff + i)] & 0xFF) - (b[(short) (bOff + i)] & 0xFF) - borrow);
            out[(short) (outOff + i)] = (byte) diff;
            borrow = diff < 0 ? (short) 1 : (short) 0;
        }
        return borrow != 0;
    }

    /** Adds one in place; true when the counter was all FF (it then wraps to zero). */
    public static boolean increment(byte[] a, short off, short len) {
        for (short i = (short) (off + len - 1); i >= off; i--) {
            a[i]++;
            if (a[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** True when every byte is {@code value}. */
    public static boolean allEqual(byte[] a, short off, short len, byte value) {
        for (short i = off; i < (short) (off + len); i++) {
            if (a[i] != value) {
                return false;
            }
        }
        return true;
    }

    /** True when every nibble is a decimal digit. */
    public static boolean isBcd(byte[] a, short off, short len) {
        for (short i = off; i < (short) (off + len); i++) {
            if ((short) ((a[i] >> 4) & 0x0F) > 9 || (short) (a[i] & 0x0F) > 9) {
                return false;
            }
        }
        return true;
    }
}
