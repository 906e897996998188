package org.citycard.dictionary.codec;

import java.util.HexFormat;
import org.citycard.dictionary.validate.Rules;
import org.citycard.dictionary.validate.ValidationException;

/** Upper-case hex, the way every CityCard tool shows bytes. */
public final class Hex {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private Hex() {}

    public static String of(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    public static String of(byte[] bytes, int offset, int length) {
        return HEX.formatHex(bytes, offset, offset + length);
    }

    /** Parses hex (spaces allowed); the error names the field, the value and the rule. */
    public static byte[] parse(String field, String hex) {
        String s = hex == null ? "" : hex.replace(" ", "");
        if (s.length() % 2 != 0 || !Rules.hexDigits(s)) {
            throw new ValidationException(field, hex, "hex: an even number of 0-9 / A-F characters");
        }
        return HEX.parseHex(s);
    }

    /** Parses hex of an exact length in bytes. */
    public static byte[] parse(String field, String hex, int bytes) {
        byte[] b = parse(field, hex);
        if (b.length != bytes) {
            throw new ValidationException(field, hex, "hex: must be " + bytes + " bytes, is " + b.length);
        }
        return b;
    }

    public static byte[] parse(String hex) {
        return parse("hex", hex);
    }
}
