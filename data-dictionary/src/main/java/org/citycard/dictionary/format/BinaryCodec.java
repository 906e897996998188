package org.citycard.dictionary.format;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.citycard.dictionary.DataElement;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.ElementType;
import org.citycard.dictionary.LayoutField;
import org.citycard.dictionary.codec.Amounts;
import org.citycard.dictionary.codec.Bcd;
import org.citycard.dictionary.codec.Gb18030Text;
import org.citycard.dictionary.codec.Hex;
import org.citycard.dictionary.validate.Rules;
import org.citycard.dictionary.validate.ValidationException;

/**
 * Writes and reads the binary records whose layouts are in the dictionary ({@code formats.yaml},
 * {@link BinaryLayout}): the offline record, the cards' answers, the card log record and the ISO 8583 sub-fields.
 * Every offset and length comes from the layout; how a field is packed comes from its encoding, or else its data
 * element's type:
 *
 * <ul>
 *   <li>{@code AMOUNT}: unsigned big-endian fen, a {@link Long};
 *   <li>{@code B}: raw bytes, upper-case hex in the decoded values (read as an unsigned number with
 *       {@link Values#number});
 *   <li>{@code BCD}: packed decimal digits, every nibble 0..9;
 *   <li>{@code N}: ASCII digits, right aligned and zero filled;
 *   <li>{@code AN}: printable ASCII, space padded (NUL padding is read as padding too);
 *   <li>{@code GB18030}: GB 18030 text, 0x00 padded.
 * </ul>
 *
 * Decoding checks the size, the characters of each field and the element's rule (a real date, a real time,
 * digits); code tables are left to the business checks that own them. Every refusal is a
 * {@link ValidationException} naming the layout, the field, the value and the rule.
 */
public final class BinaryCodec {
    private static final Map<String, BinaryCodec> STANDARD = new ConcurrentHashMap<>();

    private final BinaryLayout layout;
    private final List<Field> fields;
    private final Map<String, Field> byName;

    /** A field of the layout with its packing resolved once. */
    private record Field(String name, int offset, int length, ElementType type, String rule) {
        int end() {
            return offset + length;
        }
    }

    public BinaryCodec(Dictionary dict, String layoutId) {
        this.layout = dict.binaryLayout(layoutId);
        List<Field> list = new ArrayList<>();
        Map<String, Field> map = new LinkedHashMap<>();
        for (LayoutField f : layout.fields()) {
            DataElement e = f.element() == null ? null : dict.element(f.element());
            ElementType type =
                    f.encoding() != null ? ElementType.valueOf(f.encoding()) : e != null ? e.type() : ElementType.B;
            String rule = f.rule() != null ? f.rule() : e != null ? e.rule() : null;
            if (e != null && e.sensitive()) {
                rule = null; // a sensitive value is never decoded into a message
            }
            Field field = new Field(f.key(), f.offset(), f.length(), type, rule);
            list.add(field);
            map.put(field.name(), field);
        }
        this.fields = List.copyOf(list);
        this.byName = Collections.unmodifiableMap(map);
    }

    /** The codec of a layout of the standard dictionary, made once. */
    public static BinaryCodec of(String layoutId) {
        return STANDARD.computeIfAbsent(layoutId, id -> new BinaryCodec(Dictionary.standard(), id));
    }

    public BinaryLayout layout() {
        return layout;
    }

    /** Bytes of one record. */
    public int size() {
        return layout.size();
    }

    /** The field names in layout order. */
    public List<String> fieldNames() {
        return fields.stream().map(Field::name).toList();
    }

    public int offset(String field) {
        return field(field).offset();
    }

    public int length(String field) {
        return field(field).length();
    }

    /** How a field is packed: its encoding, or else its element's type. */
    public ElementType type(String field) {
        return field(field).type();
    }

    /** The rule a field's value must keep (date, time, digits …), or null. */
    public String rule(String field) {
        return field(field).rule();
    }

    /** A record read back: its field values by name, and its bytes exactly as given. */
    public static final class Values {
        private final BinaryCodec codec;
        private final byte[] raw;
        private final Map<String, Object> values;

        private Values(BinaryCodec codec, byte[] raw, Map<String, Object> values) {
            this.codec = codec;
            this.raw = raw;
            this.values = Collections.unmodifiableMap(values);
        }

        /** Every field by name: Long for amounts, String for the others (hex for binary fields). */
        public Map<String, Object> asMap() {
            return values;
        }

        public Object get(String field) {
            codec.field(field);
            return values.get(field);
        }

        /** A digits, text or hex field as its string. */
        public String string(String field) {
            return String.valueOf(get(field));
        }

        /** An amount or binary field read as an unsigned big-endian number. */
        public long number(String field) {
            Field f = codec.field(field);
            if (f.length() > 8) {
                throw new IllegalArgumentException(
                        codec.layout.id() + "." + field + " is " + f.length() + " bytes, too long to read as a number");
            }
            return Amounts.fromBytes(raw, f.offset(), f.length());
        }

        /** {@link #number} for fields of at most 4 bytes. */
        public int integer(String field) {
            return Math.toIntExact(number(field));
        }

        /** The bytes of one field. */
        public byte[] bytes(String field) {
            return codec.slice(raw, field);
        }

        /** The whole record, byte for byte as it was read. */
        public byte[] raw() {
            return raw.clone();
        }
    }

    /** Decodes one record; refuses another size, bad characters, BCD nibbles above 9 and values breaking a rule. */
    public Values decode(byte[] data) {
        if (data == null || data.length != layout.size()) {
            throw new ValidationException(
                    layout.id(),
                    data == null ? "null" : data.length + " bytes",
                    "a record of this layout is " + layout.size() + " bytes");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field f : fields) {
            values.put(f.name(), decodeField(data, f));
        }
        return new Values(this, data.clone(), values);
    }

    private Object decodeField(byte[] data, Field f) {
        String where = layout.id() + "." + f.name();
        Object value =
                switch (f.type()) {
                    case AMOUNT -> Amounts.fromBytes(data, f.offset(), f.length());
                    case B -> Hex.of(data, f.offset(), f.length());
                    case BCD -> Bcd.decode(where, data, f.offset(), f.length());
                    case N -> {
                        String s = new String(data, f.offset(), f.length(), StandardCharsets.US_ASCII);
                        if (!org.citycard.dictionary.validate.Rules.digits(s, 0, Integer.MAX_VALUE)) {
                            throw new ValidationException(where, printable(s), "N: ASCII digits only");
                        }
                        yield s;
                    }
                    case AN -> {
                        for (int i = f.offset(); i < f.end(); i++) {
                            if (data[i] != 0 && (data[i] < 0x20 || data[i] > 0x7E)) {
                                throw new ValidationException(
                                        where,
                                        Hex.of(data, f.offset(), f.length()),
                                        "AN: printable ASCII only, space padded (byte " + (i - f.offset()) + " is "
                                                + String.format("%02X", data[i]) + ")");
                            }
                        }
                        yield new String(data, f.offset(), f.length(), StandardCharsets.US_ASCII)
                                .replace('\0', ' ')
                                .stripTrailing();
                    }
                    case GB18030 -> Gb18030Text.decode(data, f.offset(), f.length());
                };
        if (f.rule() != null && value instanceof String s && !s.isEmpty()) {
            try {
                Rules.check(where, f.rule(), s, f.length());
            } catch (ValidationException e) {
                throw new ValidationException(where, e.value(), e.rule());
            }
        }
        return value;
    }

    /**
     * Encodes one record. Every field must be given: amounts and numbers as a {@link Number}; binary fields as
     * bytes, hex or an unsigned number; BCD and N as digits (or a number); text as a string.
     */
    public byte[] encode(Map<String, ?> values) {
        for (String key : values.keySet()) {
            if (!byName.containsKey(key)) {
                throw new ValidationException(
                        layout.id() + "." + key,
                        String.valueOf(values.get(key)),
                        "not a field of the layout; fields " + fieldNames());
            }
        }
        byte[] out = new byte[layout.size()];
        for (Field f : fields) {
            Object v = values.get(f.name());
            if (v == null) {
                throw new ValidationException(layout.id() + "." + f.name(), "null", "a value is required");
            }
            System.arraycopy(encodeField(f, v), 0, out, f.offset(), f.length());
        }
        return out;
    }

    /** A builder for {@link #encode}: fields in any order, each named once. */
    public Writer writer() {
        return new Writer();
    }

    /** Collects the fields of one record. */
    public final class Writer {
        private final Map<String, Object> values = new LinkedHashMap<>();

        private Writer() {}

        public Writer put(String field, Object value) {
            field(field);
            values.put(field, value);
            return this;
        }

        public byte[] encode() {
            return BinaryCodec.this.encode(values);
        }
    }

    private byte[] encodeField(Field f, Object v) {
        String where = layout.id() + "." + f.name();
        return switch (f.type()) {
            case AMOUNT -> Amounts.toBytes(where, number(where, v), f.length());
            case B -> {
                if (v instanceof byte[] b) {
                    if (b.length != f.length()) {
                        throw new ValidationException(
                                where, Hex.of(b), "exactly " + f.length() + " bytes, not " + b.length);
                    }
                    yield b.clone();
                }
                if (v instanceof Number n) {
                    long x = n.longValue();
                    if (x < 0 || (f.length() < 8 && x >= 1L << (8 * f.length()))) {
                        throw new ValidationException(
                                where, String.valueOf(x), "an unsigned number of " + f.length() + " bytes");
                    }
                    yield Amounts.toBytes(where, x, f.length());
                }
                yield Hex.parse(where, v.toString(), f.length());
            }
            case BCD -> {
                String digits = v instanceof Number n ? Long.toString(n.longValue()) : v.toString();
                checkRule(where, f, digits);
                yield Bcd.encode(where, digits, f.length());
            }
            case N -> {
                String digits = v instanceof Number n ? Long.toString(n.longValue()) : v.toString();
                if (!Rules.digits(digits, 0, f.length())) {
                    throw new ValidationException(where, digits, "N: at most " + f.length() + " ASCII digits");
                }
                checkRule(where, f, digits);
                yield ("0".repeat(f.length() - digits.length()) + digits).getBytes(StandardCharsets.US_ASCII);
            }
            case AN -> {
                String s = v.toString();
                if (!Rules.printableAscii(s) || s.length() > f.length()) {
                    throw new ValidationException(
                            where, s, "AN: at most " + f.length() + " printable ASCII characters");
                }
                byte[] b = Arrays.copyOf(s.getBytes(StandardCharsets.US_ASCII), f.length());
                Arrays.fill(b, s.length(), b.length, (byte) ' ');
                yield b;
            }
            case GB18030 -> Gb18030Text.encodePadded(where, v.toString(), f.length());
        };
    }

    private static void checkRule(String where, Field f, String value) {
        if (f.rule() != null && !value.isEmpty()) {
            Rules.check(where, f.rule(), value, f.length());
        }
    }

    private static long number(String where, Object v) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(v.toString());
        } catch (NumberFormatException e) {
            throw new ValidationException(where, v.toString(), "a whole number of fen");
        }
    }

    /** The bytes of one field of a record. */
    public byte[] slice(byte[] record, String field) {
        return slice(record, 0, field);
    }

    /** The bytes of one field of the record that starts at {@code recordOffset} (repeated records). */
    public byte[] slice(byte[] data, int recordOffset, String field) {
        Field f = field(field);
        return Arrays.copyOfRange(data, recordOffset + f.offset(), recordOffset + f.end());
    }

    /** Cuts a field holding n records of this layout (ISO 8583 field 63 of the 0320) into the records. */
    public List<byte[]> split(byte[] data) {
        if (data == null || data.length == 0 || data.length % layout.size() != 0) {
            throw new ValidationException(
                    layout.id() + " list",
                    data == null ? "null" : data.length + " bytes",
                    "one or more " + layout.size() + "-byte records");
        }
        List<byte[]> out = new ArrayList<>(data.length / layout.size());
        for (int off = 0; off < data.length; off += layout.size()) {
            out.add(Arrays.copyOfRange(data, off, off + layout.size()));
        }
        return out;
    }

    /** Joins records of this layout into one field, each checked for its size. */
    public byte[] join(List<byte[]> records) {
        byte[] out = new byte[records.size() * layout.size()];
        for (int i = 0; i < records.size(); i++) {
            byte[] r = records.get(i);
            if (r.length != layout.size()) {
                throw new ValidationException(
                        layout.id() + " list, record " + (i + 1),
                        r.length + " bytes",
                        "a record of this layout is " + layout.size() + " bytes");
            }
            System.arraycopy(r, 0, out, i * layout.size(), r.length);
        }
        return out;
    }

    private Field field(String name) {
        Field f = byName.get(name);
        if (f == null) {
            throw new IllegalArgumentException(
                    "layout " + layout.id() + " has no field " + name + "; fields " + fieldNames());
        }
        return f;
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c >= 0x20 && c <= 0x7E ? c : '?');
        }
        return sb.toString();
    }
}
