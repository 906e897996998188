package org.citycard.clearing.iso;

import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.validate.Rules;
import org.citycard.dictionary.validate.ValidationException;
import org.jpos.iso.ISOMsg;

/** Reading request fields with their rules; a failure names the field (never its value: it may be card data). */
final class IsoFields {
    private IsoFields() {}

    static String digits(ISOMsg m, int field, int length) throws IsoMessageHandler.BadFieldException {
        String v = m.getString(field);
        if (v == null || v.length() != length || !v.chars().allMatch(Character::isDigit)) {
            throw new IsoMessageHandler.BadFieldException(field, length + " digits");
        }
        return v;
    }

    static long number(ISOMsg m, int field) throws IsoMessageHandler.BadFieldException {
        String v = m.getString(field);
        if (v == null || v.isEmpty() || v.length() > 18 || !v.chars().allMatch(Character::isDigit)) {
            throw new IsoMessageHandler.BadFieldException(field, "a number");
        }
        return Long.parseLong(v);
    }

    static byte[] bytes(ISOMsg m, int field, int length) throws IsoMessageHandler.BadFieldException {
        byte[] v = m.getBytes(field);
        if (v == null || (length >= 0 && v.length != length)) {
            throw new IsoMessageHandler.BadFieldException(field, length + " bytes");
        }
        return v;
    }

    /** A department code in field 42: four digits, left aligned, space padded. */
    static String department(ISOMsg m) throws IsoMessageHandler.BadFieldException {
        String v = m.getString(42);
        String code = v == null ? "" : v.strip();
        try {
            Rules.checkElement(Dictionary.standard(), "department_code", code);
        } catch (ValidationException e) {
            throw new IsoMessageHandler.BadFieldException(42, "a 4-digit department code, left aligned");
        }
        return code;
    }

    /** A date YYYYMMDD and time hhmmss that exist. */
    static String date(ISOMsg m, int field) throws IsoMessageHandler.BadFieldException {
        String v = digits(m, field, 8);
        try {
            org.citycard.dictionary.validate.Rules.date("field " + field, v);
        } catch (IllegalArgumentException e) {
            throw new IsoMessageHandler.BadFieldException(field, "a date YYYYMMDD");
        }
        return v;
    }

    static String time(ISOMsg m, int field) throws IsoMessageHandler.BadFieldException {
        String v = digits(m, field, 6);
        try {
            org.citycard.dictionary.validate.Rules.time("field " + field, v);
        } catch (IllegalArgumentException e) {
            throw new IsoMessageHandler.BadFieldException(field, "a time hhmmss");
        }
        return v;
    }
}
