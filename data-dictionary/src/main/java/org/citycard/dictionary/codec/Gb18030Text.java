package org.citycard.dictionary.codec;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;
import org.citycard.dictionary.validate.ValidationException;

/** Names and other text on the card: GB 18030, right-padded with 0x00 to the field length. */
public final class Gb18030Text {
    public static final Charset GB18030 = Charset.forName("GB18030");

    private Gb18030Text() {}

    /** The GB 18030 bytes of the text; refuses text that cannot be encoded or is longer than {@code maxBytes}. */
    public static byte[] encode(String field, String text, int maxBytes) {
        if (text == null || text.isEmpty()) {
            throw new ValidationException(field, "", "GB 18030 text: must not be empty");
        }
        if (text.chars().anyMatch(c -> c < 0x20 && c != 0)) {
            throw new ValidationException(field, text, "GB 18030 text: no control characters");
        }
        CharsetEncoder enc = GB18030.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bb;
        try {
            bb = enc.encode(CharBuffer.wrap(text));
        } catch (CharacterCodingException e) {
            throw new ValidationException(field, text, "GB 18030 text: contains a character GB 18030 cannot encode");
        }
        byte[] bytes = Arrays.copyOf(bb.array(), bb.limit());
        if (bytes.length > maxBytes) {
            throw new ValidationException(
                    field, text, "GB 18030 text: " + bytes.length + " bytes, at most " + maxBytes + " fit on the card");
        }
        return bytes;
    }

    /** Encoded and right-padded with 0x00 to exactly {@code length} bytes. */
    public static byte[] encodePadded(String field, String text, int length) {
        return Arrays.copyOf(encode(field, text, length), length);
    }

    /** Decodes, dropping the 0x00 padding. */
    public static String decode(byte[] data, int offset, int length) {
        int end = offset + length;
        while (end > offset && data[end - 1] == 0) {
            end--;
        }
        return new String(data, offset, end - offset, GB18030);
    }
}
