package org.citycard.dictionary.codec;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.citycard.dictionary.validate.ValidationException;

/**
 * A BER-TLV data object (ISO 7816-4 / EMV): multi-byte tags (low five bits 11111 in the first byte, bit 8 set in
 * the following ones) and definite lengths (short form, 81 or 82).
 */
public record Tlv(int tag, byte[] value) {
    /** Tag as hex, e.g. 9F0C. */
    public String tagHex() {
        return Integer.toHexString(tag).toUpperCase(java.util.Locale.ROOT);
    }

    /** True for constructed tags (bit 6 of the first tag byte), whose value is itself TLV. */
    public boolean isConstructed() {
        int first = tag;
        while (first > 0xFF) {
            first >>>= 8;
        }
        return (first & 0x20) != 0;
    }

    public List<Tlv> children() {
        return parseAll(value);
    }

    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] t = tagBytes(tag);
        out.write(t, 0, t.length);
        int len = value.length;
        if (len < 0x80) {
            out.write(len);
        } else if (len <= 0xFF) {
            out.write(0x81);
            out.write(len);
        } else if (len <= 0xFFFF) {
            out.write(0x82);
            out.write(len >> 8);
            out.write(len);
        } else {
            throw new ValidationException("tlv", tagHex(), "BER-TLV: value longer than 65535 bytes");
        }
        out.write(value, 0, value.length);
        return out.toByteArray();
    }

    public static Tlv of(int tag, byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(p, 0, p.length);
        }
        return new Tlv(tag, out.toByteArray());
    }

    /** Parses consecutive TLV objects filling the whole array; errors name the offset and the rule. */
    public static List<Tlv> parseAll(byte[] data) {
        List<Tlv> out = new ArrayList<>();
        int[] pos = {0};
        while (pos[0] < data.length) {
            out.add(parse(data, pos));
        }
        return out;
    }

    /** Finds a tag at any depth (depth-first). */
    public static Optional<Tlv> find(byte[] data, int tag) {
        for (Tlv t : parseAll(data)) {
            if (t.tag == tag) {
                return Optional.of(t);
            }
            if (t.isConstructed()) {
                Optional<Tlv> inner = find(t.value, tag);
                if (inner.isPresent()) {
                    return inner;
                }
            }
        }
        return Optional.empty();
    }

    private static Tlv parse(byte[] d, int[] pos) {
        int p = pos[0];
        int tag = d[p++] & 0xFF;
        if ((tag & 0x1F) == 0x1F) {
            int b;
            do {
                if (p >= d.length) {
                    throw error(d, p, "tag runs past the end");
                }
                b = d[p++] & 0xFF;
                tag = (tag << 8) | b;
                if (tag > 0xFFFFFF) {
                    throw error(d, p, "tag longer than 3 bytes");
                }
            } while ((b & 0x80) != 0);
        }
        if (p >= d.length) {
            throw error(d, p, "length missing");
        }
        int len = d[p++] & 0xFF;
        if (len == 0x81 || len == 0x82) {
            int n = len - 0x80;
            if (p + n > d.length) {
                throw error(d, p, "length runs past the end");
            }
            len = 0;
            for (int i = 0; i < n; i++) {
                len = (len << 8) | (d[p++] & 0xFF);
            }
        } else if (len > 0x80) {
            throw error(d, p - 1, "unsupported length form " + Integer.toHexString(len));
        }
        if (p + len > d.length) {
            throw error(d, p, "value of " + len + " bytes runs past the end");
        }
        pos[0] = p + len;
        return new Tlv(tag, Arrays.copyOfRange(d, p, p + len));
    }

    private static ValidationException error(byte[] d, int offset, String rule) {
        return new ValidationException("tlv", Hex.of(d), "BER-TLV at offset " + offset + ": " + rule);
    }

    private static byte[] tagBytes(int tag) {
        if (tag <= 0xFF) {
            return new byte[] {(byte) tag};
        } else if (tag <= 0xFFFF) {
            return new byte[] {(byte) (tag >> 8), (byte) tag};
        }
        return new byte[] {(byte) (tag >> 16), (byte) (tag >> 8), (byte) tag};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tlv t && t.tag == tag && Arrays.equals(t.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * tag + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return tagHex() + ":" + Hex.of(value);
    }
}
