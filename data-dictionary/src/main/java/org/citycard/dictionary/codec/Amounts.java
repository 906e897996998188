package org.citycard.dictionary.codec;

import java.math.BigDecimal;
import org.citycard.dictionary.validate.ValidationException;

/** Money is an integer of fen (1/100 CNY): on the card a 4-byte (or 3-byte) unsigned big-endian value. */
public final class Amounts {
    private Amounts() {}

    /** Unsigned big-endian fen in {@code bytes} bytes; refuses negative amounts and amounts that do not fit. */
    public static byte[] toBytes(String field, long fen, int bytes) {
        if (fen < 0 || (bytes < 8 && fen >= 1L << (8 * bytes))) {
            throw new ValidationException(
                    field, String.valueOf(fen), "amount in fen: 0 .. " + ((1L << (8 * bytes)) - 1));
        }
        byte[] out = new byte[bytes];
        for (int i = bytes - 1; i >= 0; i--) {
            out[i] = (byte) fen;
            fen >>>= 8;
        }
        return out;
    }

    public static byte[] toBytes(long fen, int bytes) {
        return toBytes("amount", fen, bytes);
    }

    public static long fromBytes(byte[] data, int offset, int length) {
        long v = 0;
        for (int i = offset; i < offset + length; i++) {
            v = (v << 8) | (data[i] & 0xFF);
        }
        return v;
    }

    /** "12.34" → 1234; at most two decimals, never negative. */
    public static long parseYuan(String field, String yuan) {
        try {
            BigDecimal d = new BigDecimal(yuan.trim());
            if (d.signum() < 0 || d.scale() > 2) {
                throw new ValidationException(field, yuan, "amount in yuan: not negative, at most two decimals (fen)");
            }
            return d.movePointRight(2).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ValidationException(field, yuan, "amount in yuan: a number such as 12.34");
        }
    }

    /** 1234 → "12.34". */
    public static String format(long fen) {
        String sign = fen < 0 ? "-" : "";
        long a = Math.abs(fen);
        return sign + a / 100 + "." + String.format("%02d", a % 100);
    }
}
