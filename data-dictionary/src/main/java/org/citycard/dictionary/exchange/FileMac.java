package org.citycard.dictionary.exchange;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.LayoutField;
import org.citycard.dictionary.format.FixedWidthCodec;
import org.citycard.dictionary.format.TextLayout;
import org.citycard.dictionary.format.TextRecordType;
import org.citycard.dictionary.validate.ValidationException;

/**
 * The MAC of a department exchange file ({@code social_security_exchange}, issue 15): HMAC-SHA256 with the sending
 * department's exchange-file key (32 bytes, issued by the clearing server) over every byte of the file before the
 * trailer's {@code file_mac} field, written there as 64 upper-case hex digits. The department seals what it sends;
 * the server verifies before it parses anything else, so a file that was changed, or made by someone without the
 * department's key, is refused whole. Key values never appear in a message.
 */
public final class FileMac {
    public static final String LAYOUT = "social_security_exchange";
    public static final String FIELD = "file_mac";
    public static final int KEY_BYTES = 32;
    private static final TextLayout TEXT = new FixedWidthCodec(Dictionary.standard(), LAYOUT).layout();
    private static final int MAC_OFFSET;
    private static final int MAC_LENGTH;

    static {
        TextRecordType trailer = TEXT.recordType("T").orElseThrow();
        int pos = 0;
        int at = -1;
        int len = 0;
        for (LayoutField f : trailer.fields()) {
            if (FIELD.equals(f.key())) {
                at = pos;
                len = f.length();
            }
            pos += f.length();
        }
        if (at < 0) {
            throw new IllegalStateException(LAYOUT + ": the trailer has no field " + FIELD);
        }
        MAC_OFFSET = at;
        MAC_LENGTH = len;
    }

    private FileMac() {}

    /**
     * The header's sender, read from its place in the layout before the file is parsed (the key to check the MAC
     * with); empty when the first line is no header or names none.
     */
    public static String sender(byte[] file) {
        TextRecordType header = TEXT.recordType("H").orElseThrow();
        int pos = 0;
        for (LayoutField f : header.fields()) {
            if ("sender".equals(f.key())) {
                if (file.length < pos + f.length() || file[0] != 'H') {
                    return "";
                }
                return new String(file, pos, f.length(), TEXT.charset()).strip();
            }
            pos += f.length();
        }
        throw new IllegalStateException(LAYOUT + ": the header has no field sender");
    }

    /** A new random exchange-file key. */
    public static byte[] newKey() {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** A key's check value for operators (6 hex digits: the start of its MAC over a fixed text), never the key. */
    public static String checkValue(byte[] key) {
        return hmac(key, "CITYCARD EXCHANGE FILE KEY".getBytes(StandardCharsets.US_ASCII))
                .substring(0, 6);
    }

    /** The file with its MAC written into the trailer. */
    public static byte[] seal(byte[] file, byte[] key) {
        int at = macPosition(file);
        String mac = hmac(key, Arrays.copyOf(file, at));
        byte[] out = file.clone();
        System.arraycopy(mac.getBytes(StandardCharsets.US_ASCII), 0, out, at, MAC_LENGTH);
        return out;
    }

    /** The MAC the trailer declares, as written (blank when none). */
    public static String declared(byte[] file) {
        int at = macPosition(file);
        return new String(file, at, MAC_LENGTH, StandardCharsets.US_ASCII).strip();
    }

    /** Whether the trailer's MAC is the one of the file's bytes under {@code key} (constant-time comparison). */
    public static boolean verify(byte[] file, byte[] key) {
        int at = macPosition(file);
        byte[] expected = hmac(key, Arrays.copyOf(file, at)).getBytes(StandardCharsets.US_ASCII);
        byte[] given = new String(file, at, MAC_LENGTH, StandardCharsets.US_ASCII)
                .toUpperCase(Locale.ROOT)
                .getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }

    /**
     * Where the trailer's {@code file_mac} starts: the last line is the trailer (a line end after it or not).
     *
     * @throws ValidationException when the last line is not a trailer long enough to hold the MAC
     */
    static int macPosition(byte[] file) {
        byte[] end = TEXT.lineEnd().getBytes(StandardCharsets.US_ASCII);
        int stop = file.length;
        if (endsWith(file, end, stop)) {
            stop -= end.length;
        }
        int start = lastIndexOf(file, end, stop) + end.length; // 0 when the file is one line
        if (stop - start < MAC_OFFSET + MAC_LENGTH || file[start] != 'T') {
            throw new ValidationException(
                    LAYOUT + " trailer",
                    "",
                    "the file ends with its trailer (T) carrying " + FIELD + " at byte " + (MAC_OFFSET + 1)
                            + " of the line");
        }
        return start + MAC_OFFSET;
    }

    private static boolean endsWith(byte[] data, byte[] end, int stop) {
        if (stop < end.length) {
            return false;
        }
        for (int i = 0; i < end.length; i++) {
            if (data[stop - end.length + i] != end[i]) {
                return false;
            }
        }
        return true;
    }

    private static int lastIndexOf(byte[] data, byte[] pattern, int before) {
        outer:
        for (int i = before - pattern.length; i >= 0; i--) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -pattern.length;
    }

    private static String hmac(byte[] key, byte[] data) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("an exchange-file key is " + KEY_BYTES + " bytes");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().withUpperCase().formatHex(mac.doFinal(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from this Java runtime", e);
        }
    }
}
