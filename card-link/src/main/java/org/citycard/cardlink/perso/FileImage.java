package org.citycard.cardlink.perso;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import org.citycard.dictionary.DataElement;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.LayoutField;
import org.citycard.dictionary.card.CardFile;
import org.citycard.dictionary.codec.Bcd;
import org.citycard.dictionary.codec.Gb18030Text;
import org.citycard.dictionary.validate.ValidationException;

/**
 * The content of one file, or one record, as personalisation writes it and reads it back. Built from the
 * dictionary's file layouts: each field at its offset, encoded by its element's type (AN ASCII, BCD packed, GB 18030
 * padded with 00, B raw), reserved fields zero.
 *
 * @param record the record number for record files (for SSSE TLV files also the tag), 0 for a binary file
 */
public record FileImage(String applet, String fileId, int sfi, int record, byte[] content) {

    public boolean isRecord() {
        return record > 0;
    }

    /** "purse SFI 15" or "ssse EF05 record 07". */
    public String label() {
        return applet + " " + fileId.toUpperCase(Locale.ROOT)
                + (isRecord() ? String.format(" record %02X", record) : "");
    }

    /** A binary file (or a fixed-length record) laid out by its dictionary fields from values keyed by field name. */
    static byte[] layout(Dictionary dict, CardFile file, int size, Map<String, String> values) {
        byte[] out = new byte[size];
        for (LayoutField f : file.fields()) {
            if (f.element() != null && f.element().equals("reserved")) {
                continue;
            }
            String value = values.get(f.key());
            if (value == null) {
                throw new IllegalArgumentException(file.id() + "." + f.key() + ": no value to personalise");
            }
            byte[] b = encode(dict, f.element(), f.encoding(), value, f.length());
            System.arraycopy(b, 0, out, f.offset(), b.length);
        }
        return out;
    }

    /** One value in the form the card holds: by the field's encoding, else its element's type. */
    static byte[] encode(Dictionary dict, String elementId, String encoding, String value, int length) {
        DataElement e = dict.element(elementId);
        String type = encoding != null ? encoding : e.type().name();
        return switch (type) {
            case "AN", "N" -> {
                byte[] b = value.getBytes(StandardCharsets.US_ASCII);
                if (b.length != length) {
                    throw new ValidationException(elementId, value, "must be " + length + " characters on the card");
                }
                yield b;
            }
            case "BCD" -> Bcd.encode(elementId, value, length);
            case "GB18030" -> Gb18030Text.encodePadded(elementId, value, length);
            case "B" -> {
                byte[] b = HexFormat.of().parseHex(value);
                if (b.length != length) {
                    throw new ValidationException(elementId, value, "must be " + length + " bytes on the card");
                }
                yield b;
            }
            default -> throw new IllegalArgumentException(elementId + ": cannot personalise values of type " + type);
        };
    }

    /** A TLV record of an SSSE file: tag = record number, then the element's bytes. */
    static byte[] tlv(Dictionary dict, String elementId, int tag, String value, int length) {
        byte[] v = encode(dict, elementId, null, value, length);
        byte[] out = new byte[2 + v.length];
        out[0] = (byte) tag;
        out[1] = (byte) v.length;
        System.arraycopy(v, 0, out, 2, v.length);
        return out;
    }
}
