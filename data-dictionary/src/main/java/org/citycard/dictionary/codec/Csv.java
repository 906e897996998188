package org.citycard.dictionary.codec;

import java.util.List;
import java.util.stream.Collectors;

/**
 * CSV fields as RFC 4180 writes them, safe to open in a spreadsheet: a field holding a comma, a double quote, CR or
 * LF is quoted with its quotes doubled, and a field a spreadsheet would take for a formula (starting with {@code =},
 * {@code +}, {@code -}, {@code @}, a tab or CR — OWASP "CSV injection") gets a leading apostrophe and is quoted, so it
 * is shown as text and never run. Numbers are written by the caller as numbers (a negative amount is not text).
 */
public final class Csv {
    private Csv() {}

    /** One text field; null is the empty field. */
    public static String field(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = value;
        boolean formula = "=+-@\t\r".indexOf(v.charAt(0)) >= 0;
        if (formula) {
            v = "'" + v;
        }
        if (formula || v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    /** A line of text fields, without its line end (RFC 4180 ends lines with CRLF; the caller chooses). */
    public static String line(List<String> fields) {
        return fields.stream().map(Csv::field).collect(Collectors.joining(","));
    }
}
