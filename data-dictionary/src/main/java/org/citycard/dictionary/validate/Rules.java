package org.citycard.dictionary.validate;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.Set;
import org.citycard.dictionary.CodeTable;
import org.citycard.dictionary.DataElement;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.codec.Gb18030Text;

/**
 * The validation rules a data element or a file field can name in the dictionary, and the check of an element's
 * value in its text form (digits for BCD and N, characters for AN, text for GB 18030).
 */
public final class Rules {
    /** The rule names the dictionary may use. */
    public static final Set<String> NAMES =
            Set.of("gb11643", "date", "time", "yearMonth", "digits", "pinDigits", "gb18030");

    private Rules() {}

    /**
     * True when {@code s} is {@code min} to {@code max} ASCII digits (the regular expression {@code \d{min,max}},
     * without compiling one at every record the ingest decodes).
     */
    public static boolean digits(String s, int min, int max) {
        if (s == null || s.length() < min || s.length() > max) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * True when {@code s} holds only printable ASCII, 0x20 to 0x7E (the regular expression {@code [\x20-\x7E]*},
     * without compiling one at every field of every record).
     */
    public static boolean printableAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code s} holds only hex digits 0-9, A-F, a-f (possibly none). */
    public static boolean hexDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** Checks a value against a named rule; {@code maxBytes} bounds GB 18030 text. */
    public static void check(String field, String rule, String value, int maxBytes) {
        switch (rule) {
            case "gb11643" -> CitizenId.parse(value);
            case "date" -> date(field, value);
            case "time" -> time(field, value);
            case "yearMonth" -> yearMonth(field, value);
            case "digits" -> {
                if (!digits(value, 1, Integer.MAX_VALUE)) {
                    throw new ValidationException(field, String.valueOf(value), "digits only");
                }
            }
            case "pinDigits" -> {
                if (!digits(value, 4, 12)) {
                    throw ValidationException.sensitive(field, "a PIN is 4 to 12 digits");
                }
            }
            case "gb18030" -> Gb18030Text.encode(field, value, maxBytes);
            default -> throw new IllegalArgumentException("unknown rule " + rule);
        }
    }

    public static LocalDate date(String field, String yyyymmdd) {
        if (!digits(yyyymmdd, 8, 8)) {
            throw new ValidationException(field, String.valueOf(yyyymmdd), "date: YYYYMMDD");
        }
        try {
            return LocalDate.of(
                    Integer.parseInt(yyyymmdd.substring(0, 4)),
                    Integer.parseInt(yyyymmdd.substring(4, 6)),
                    Integer.parseInt(yyyymmdd.substring(6, 8)));
        } catch (DateTimeException e) {
            throw new ValidationException(field, yyyymmdd, "date: YYYYMMDD, a real calendar date");
        }
    }

    public static LocalTime time(String field, String hhmmss) {
        if (!digits(hhmmss, 6, 6)) {
            throw new ValidationException(field, String.valueOf(hhmmss), "time: hhmmss");
        }
        try {
            return LocalTime.of(
                    Integer.parseInt(hhmmss.substring(0, 2)),
                    Integer.parseInt(hhmmss.substring(2, 4)),
                    Integer.parseInt(hhmmss.substring(4, 6)));
        } catch (DateTimeException e) {
            throw new ValidationException(field, hhmmss, "time: hhmmss, a real time of day");
        }
    }

    public static YearMonth yearMonth(String field, String yyyymm) {
        if (yyyymm == null || !yyyymm.matches("\\d{6}")) {
            throw new ValidationException(field, String.valueOf(yyyymm), "month: YYYYMM");
        }
        int month = Integer.parseInt(yyyymm.substring(4));
        if (month < 1 || month > 12) {
            throw new ValidationException(field, yyyymm, "month: YYYYMM with a month 01..12");
        }
        return YearMonth.of(Integer.parseInt(yyyymm.substring(0, 4)), month);
    }

    /** Checks a value of a data element: length, characters, code table and rule. */
    public static void checkElement(Dictionary dict, String elementId, String value) {
        DataElement e = dict.element(elementId);
        String field = e.id();
        if (value == null) {
            throw new ValidationException(field, "null", "a value is required");
        }
        if (e.sensitive() && e.rule() != null) {
            check(field, e.rule(), value, Integer.MAX_VALUE);
            return;
        }
        switch (e.type()) {
            case N, BCD -> {
                if (!digits(value, 0, Integer.MAX_VALUE)) {
                    throw new ValidationException(field, value, e.type() + ": decimal digits only");
                }
                int digits = e.type() == org.citycard.dictionary.ElementType.BCD ? 2 : 1;
                lengthCheck(e, value, value.length(), digits);
            }
            case AN -> {
                if (!printableAscii(value)) {
                    throw new ValidationException(field, value, "AN: printable ASCII only");
                }
                lengthCheck(e, value, value.length(), 1);
            }
            case GB18030 -> Gb18030Text.encode(field, value, e.isFixedLength() ? e.length() : e.maxLength());
            default -> {
                // B and AMOUNT values are bytes and numbers, checked where they are encoded
            }
        }
        if (e.codeTable() != null) {
            CodeTable table = dict.codeTable(e.codeTable());
            boolean known = e.codeTable().equals("region") ? Regions.isKnown(value, table) : table.contains(value);
            if (!known) {
                throw new ValidationException(
                        field, value, "not a code of table " + table.id() + " (" + table.standard() + ")");
            }
        }
        if (e.rule() != null) {
            check(field, e.rule(), value, e.isFixedLength() ? e.length() : e.maxLength());
        }
    }

    private static void lengthCheck(DataElement e, String value, int length, int perByte) {
        String unit = e.type() == org.citycard.dictionary.ElementType.AN ? " characters" : " digits";
        if (e.isFixedLength()) {
            int want = e.length() * perByte;
            if (length != want) {
                throw new ValidationException(
                        e.id(), value, e.en() + ": exactly " + want + unit + " (" + e.zh() + "), is " + length);
            }
        } else if (length < e.minLength() * perByte || length > e.maxLength() * perByte) {
            throw new ValidationException(
                    e.id(),
                    value,
                    e.en() + ": " + e.minLength() * perByte + " to " + e.maxLength() * perByte + unit + " (" + e.zh()
                            + "), is " + length);
        }
    }
}
