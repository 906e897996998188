package org.citycard.issuance.enrolment;

import org.citycard.dictionary.validate.CitizenId;
import org.citycard.dictionary.validate.ValidationException;

/**
 * One field of an enrolment that breaks a rule of the dictionary: the element, the value as shown to staff
 * (citizen ID numbers masked) and the rule.
 */
public record FieldError(String field, String shownValue, String rule) {

    public static FieldError of(String field, String value, String rule) {
        return new FieldError(field, show(field, value), rule);
    }

    public static FieldError of(String field, ValidationException e) {
        return of(field, e.value(), maskIds(e.rule()));
    }

    private static String show(String field, String value) {
        if (value == null) {
            return "";
        }
        if (field.equals("citizen_id") && value.length() >= 8) {
            return CitizenId.mask(value);
        }
        return value;
    }

    private static String maskIds(String text) {
        return org.citycard.issuance.audit.Redaction.clean(text);
    }

    @Override
    public String toString() {
        return field + " '" + shownValue + "': " + rule;
    }
}
