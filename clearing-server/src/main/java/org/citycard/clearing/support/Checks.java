package org.citycard.clearing.support;

import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.validate.Rules;
import org.citycard.dictionary.validate.ValidationException;

/**
 * Input checks against the dictionary's data elements. A failure names the field as the caller knows it (the JSON
 * property), the value and the dictionary's rule.
 */
public final class Checks {
    private Checks() {}

    /** Checks {@code value} as an instance of the dictionary element {@code elementId}; returns it. */
    public static String element(String field, String elementId, String value) {
        if (value == null) {
            throw new ValidationException(field, "null", "a value is required (" + elementId + ")");
        }
        try {
            Rules.checkElement(Dictionary.standard(), elementId, value);
        } catch (ValidationException e) {
            throw new ValidationException(field, e.value(), e.rule());
        }
        return value;
    }

    /** Like {@link #element} but null is allowed. */
    public static String optionalElement(String field, String elementId, String value) {
        return value == null ? null : element(field, elementId, value);
    }

    public static void require(boolean condition, String field, Object value, String rule) {
        if (!condition) {
            throw new ValidationException(field, String.valueOf(value), rule);
        }
    }
}
