package org.citycard.dictionary.format;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.citycard.dictionary.CodeTable;
import org.citycard.dictionary.DataElement;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.LayoutField;
import org.citycard.dictionary.validate.Regions;
import org.citycard.dictionary.validate.Rules;
import org.citycard.dictionary.validate.ValidationException;

/**
 * Writes and reads the lines of a fixed-width text file whose layout is in the dictionary. Widths are bytes in the
 * file's encoding (GB 18030 for Chinese names). Errors name the line, the field, the value and the rule.
 */
public final class FixedWidthCodec {
    private final Dictionary dict;
    private final TextLayout layout;
    private final Charset charset;

    /** A line read back: its record type and field values (trimmed of padding). */
    public record Line(int number, String type, Map<String, String> values) {
        public String get(String field) {
            String v = values.get(field);
            if (v == null) {
                throw new IllegalArgumentException("line " + number + " (" + type + ") has no field " + field);
            }
            return v;
        }
    }

    /** The result of reading a whole file: good lines kept, each bad line with its error. */
    public record ReadResult(List<Line> lines, List<ValidationException> errors) {}

    public FixedWidthCodec(Dictionary dict, String layoutId) {
        this.dict = dict;
        this.layout = dict.textLayout(layoutId);
        this.charset = layout.charset();
    }

    public TextLayout layout() {
        return layout;
    }

    /** Formats one line (without the line end); constants are filled in, every other field must be given. */
    public String format(String type, Map<String, ?> values) {
        TextRecordType rt = recordType(type, 0);
        StringBuilder sb = new StringBuilder();
        for (LayoutField f : rt.fields()) {
            Object raw = f.value() != null ? f.value() : values.get(f.key());
            if (raw == null) {
                if ("filler".equals(f.key())) {
                    raw = "";
                } else {
                    throw new ValidationException(
                            layout.id() + "." + type + "." + f.key(), "null", "a value is required");
                }
            }
            sb.append(pad(type, f, raw.toString()));
        }
        return sb.toString();
    }

    /** Formats one line and appends the layout's line end. */
    public byte[] formatBytes(String type, Map<String, ?> values) {
        return (format(type, values) + layout.lineEnd()).getBytes(charset);
    }

    private String pad(String type, LayoutField f, String value) {
        String field = layout.id() + "." + type + "." + f.key();
        int bytes = value.getBytes(charset).length;
        if (bytes > f.length()) {
            throw new ValidationException(
                    field, value, "at most " + f.length() + " bytes in " + charset.name() + ", is " + bytes);
        }
        if ("right".equals(f.align())) {
            if (!value.matches("\\d*")) {
                throw new ValidationException(field, value, "right-aligned fields are zero-padded digits");
            }
            return "0".repeat(f.length() - bytes) + value;
        }
        if (f.align() == null && bytes != f.length()) {
            throw new ValidationException(field, value, "exactly " + f.length() + " bytes");
        }
        return value + " ".repeat(f.length() - bytes);
    }

    /** Parses one line (without its line end); checks width, record type, constants, code tables and rules. */
    public Line parse(int lineNumber, byte[] line) {
        String where = layout.id() + " line " + lineNumber;
        if (line.length != layout.lineLength()) {
            throw new ValidationException(
                    where, preview(line), "a line is " + layout.lineLength() + " bytes, this one " + line.length);
        }
        String type = new String(line, 0, 1, charset);
        TextRecordType rt = recordType(type, lineNumber);
        Map<String, String> values = new LinkedHashMap<>();
        int pos = 0;
        for (LayoutField f : rt.fields()) {
            String raw = new String(Arrays.copyOfRange(line, pos, pos + f.length()), charset);
            pos += f.length();
            String field = where + " field " + f.key();
            if (raw.contains("\uFFFD")) {
                throw new ValidationException(
                        field, raw, "not valid " + charset.name() + " (a character is cut by the field boundary)");
            }
            String value = "right".equals(f.align()) ? raw : raw.stripTrailing();
            if (f.value() != null && !f.value().equals(raw)) {
                throw new ValidationException(field, raw, "must be the constant '" + f.value() + "'");
            }
            if ("right".equals(f.align()) && !raw.matches("\\d+")) {
                throw new ValidationException(field, raw, "zero-padded digits");
            }
            if (!"filler".equals(f.key())) {
                check(field, f, value);
            }
            values.put(f.key(), value);
        }
        return new Line(lineNumber, type, values);
    }

    /** Reads a whole file: every line parsed, bad lines reported by number, good lines kept. */
    public ReadResult read(byte[] content) {
        List<Line> lines = new ArrayList<>();
        List<ValidationException> errors = new ArrayList<>();
        byte[] end = layout.lineEnd().getBytes(charset);
        int start = 0;
        int number = 0;
        while (start < content.length) {
            int stop = indexOf(content, end, start);
            int next = stop < 0 ? content.length : stop + end.length;
            if (stop < 0) {
                stop = content.length;
            }
            number++;
            try {
                lines.add(parse(number, Arrays.copyOfRange(content, start, stop)));
            } catch (ValidationException e) {
                errors.add(e);
            }
            start = next;
        }
        return new ReadResult(lines, errors);
    }

    private void check(String field, LayoutField f, String value) {
        String table = f.codeTable();
        String rule = f.rule();
        DataElement e = f.element() == null ? null : dict.element(f.element());
        if (e != null) {
            table = table != null ? table : e.codeTable();
            rule = rule != null ? rule : e.rule();
        }
        if (table != null && !value.isEmpty()) {
            CodeTable t = dict.codeTable(table);
            boolean known = table.equals("region") ? Regions.isKnown(value, t) : t.contains(value);
            if (!known) {
                throw new ValidationException(
                        field, value, "not a code of table " + t.id() + " (" + t.standard() + ")");
            }
        }
        if (rule != null && !value.isEmpty()) {
            try {
                Rules.check(field, rule, value, f.length());
            } catch (ValidationException ve) {
                throw new ValidationException(field, ve.value(), ve.rule());
            }
        }
    }

    private TextRecordType recordType(String type, int lineNumber) {
        return layout.recordType(type)
                .orElseThrow(() -> new ValidationException(
                        layout.id() + (lineNumber > 0 ? " line " + lineNumber : "") + " record_type",
                        type,
                        "one of "
                                + layout.records().stream()
                                        .map(TextRecordType::type)
                                        .toList()));
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private String preview(byte[] line) {
        String s = new String(line, charset);
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
