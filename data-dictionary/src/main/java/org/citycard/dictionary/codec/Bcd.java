package org.citycard.dictionary.codec;

import org.citycard.dictionary.validate.Rules;
import org.citycard.dictionary.validate.ValidationException;

/** Packed BCD: two decimal digits a byte, right aligned, zero filled on the left. */
public final class Bcd {
    private Bcd() {}

    /** Packs decimal digits into exactly {@code bytes} bytes, zero filled on the left. */
    public static byte[] encode(String field, String digits, int bytes) {
        if (digits == null || !Rules.digits(digits, 0, Integer.MAX_VALUE)) {
            throw new ValidationException(field, String.valueOf(digits), "BCD: decimal digits only");
        }
        if (digits.length() > bytes * 2) {
            throw new ValidationException(field, digits, "BCD: at most " + bytes * 2 + " digits");
        }
        String padded = "0".repeat(bytes * 2 - digits.length()) + digits;
        byte[] out = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            out[i] = (byte) (((padded.charAt(2 * i) - '0') << 4) | (padded.charAt(2 * i + 1) - '0'));
        }
        return out;
    }

    public static byte[] encode(String digits, int bytes) {
        return encode("bcd", digits, bytes);
    }

    /** Unpacks BCD; every nibble must be 0..9. */
    public static String decode(String field, byte[] data, int offset, int length) {
        StringBuilder sb = new StringBuilder(length * 2);
        for (int i = offset; i < offset + length; i++) {
            int hi = (data[i] >> 4) & 0x0F;
            int lo = data[i] & 0x0F;
            if (hi > 9 || lo > 9) {
                throw new ValidationException(
                        field, Hex.of(data, offset, length), "BCD: nibble above 9 at byte " + (i - offset));
            }
            sb.append((char) ('0' + hi)).append((char) ('0' + lo));
        }
        return sb.toString();
    }

    public static String decode(byte[] data, int offset, int length) {
        return decode("bcd", data, offset, length);
    }

    public static String decode(byte[] data) {
        return decode("bcd", data, 0, data.length);
    }
}
