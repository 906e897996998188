package org.citycard.dictionary.iso8583.message;

import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.iso8583.Iso8583Spec;
import org.citycard.dictionary.iso8583.IsoField;
import org.citycard.dictionary.iso8583.PackagerField;
import org.citycard.dictionary.validate.Rules;
import org.citycard.dictionary.validate.ValidationException;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

/**
 * Field numbers, widths and checks of iso8583.yaml and its packager, for the message records. A field that names a
 * data element is checked with that element's rule; widths of numeric fields come from the packager XML.
 */
final class Fields {
    static final int ASN = 2;
    static final int PROCESSING_CODE = 3;
    static final int AMOUNT = 4;
    static final int STAN = 11;
    static final int LOCAL_TIME = 12;
    static final int LOCAL_DATE = 13;
    static final int BUSINESS_DATE = 15;
    static final int RRN = 37;
    static final int AUTH_CODE = 38;
    static final int RESPONSE_CODE = 39;
    static final int TERMINAL_ID = 41;
    static final int DEPARTMENT = 42;
    static final int ADDITIONAL_DATA = 48;
    static final int CURRENCY = 49;
    static final int BATCH_NUMBER = 60;
    static final int RECORD_COUNT = 61;
    static final int VERSIONS = 62;
    static final int RECORDS = 63;
    static final int NETWORK_CODE = 70;
    static final int CREDITS = 74;
    static final int DEBITS = 76;
    static final int CREDIT_AMOUNT = 86;
    static final int DEBIT_AMOUNT = 88;
    static final int ORIGINAL_DATA = 90;

    /** ISO 4217 numeric code of the yuan, the only currency of the purse. */
    static final String CNY = "156";

    private static final Dictionary DICT = Dictionary.standard();
    private static final Iso8583Spec SPEC = DICT.iso8583();

    private Fields() {}

    static ISOMsg message(String mti) {
        ISOMsg m = new ISOMsg();
        try {
            m.setMTI(mti);
        } catch (ISOException e) {
            throw new IllegalArgumentException("MTI " + mti, e);
        }
        return m;
    }

    /** Field {@code field}'s value, checked against the data element iso8583.yaml links to it. */
    static String element(ISOMsg m, int field) {
        return checked(field, m.getString(field));
    }

    /** {@code value} checked against the element of {@code field}, as it will be written. */
    static String checked(int field, String value) {
        String element = SPEC.field(field)
                .map(IsoField::element)
                .orElseThrow(() -> new IllegalStateException("iso8583.yaml links no data element to field " + field));
        try {
            Rules.checkElement(DICT, element, value);
        } catch (ValidationException e) {
            throw new MessageFieldException(field, element + ": " + e.rule());
        }
        return value;
    }

    /** A department code (field 42): left aligned, space padded on the wire. */
    static String department(ISOMsg m) {
        String v = m.getString(DEPARTMENT);
        return checked(DEPARTMENT, v == null ? "" : v.strip());
    }

    /** Exactly {@code length} digits. */
    static String digits(ISOMsg m, int field, int length) {
        String v = m.getString(field);
        if (v == null || v.length() != length || !v.chars().allMatch(Character::isDigit)) {
            throw new MessageFieldException(field, length + " digits");
        }
        return v;
    }

    /** A number of at most 18 digits. */
    static long number(ISOMsg m, int field) {
        String v = m.getString(field);
        if (v == null || v.isEmpty() || v.length() > 18 || !v.chars().allMatch(Character::isDigit)) {
            throw new MessageFieldException(field, "a number");
        }
        return Long.parseLong(v);
    }

    /** A number of an answer, 0 when absent (the host's own totals). */
    static long numberOrZero(ISOMsg m, int field) {
        String s = m.getString(field);
        return s == null || s.isBlank() ? 0 : number(m, field);
    }

    static byte[] bytes(ISOMsg m, int field) {
        byte[] v = m.getBytes(field);
        if (v == null) {
            throw new MessageFieldException(field, "required");
        }
        return v;
    }

    /** {@code value} zero-padded to the packager's width of {@code field}. */
    static String numeric(int field, long value) {
        PackagerField f = SPEC.packagerFields().get(field);
        return String.format("%0" + f.length() + "d", value);
    }

    static void set(ISOMsg m, int field, String value) {
        if (value != null) {
            m.set(field, value);
        }
    }

    static void set(ISOMsg m, int field, byte[] value) {
        if (value != null) {
            m.set(field, value);
        }
    }
}
