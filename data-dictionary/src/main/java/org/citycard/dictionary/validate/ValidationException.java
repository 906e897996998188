package org.citycard.dictionary.validate;

/**
 * A value breaks a rule of the dictionary. The message names the element (or field), the value and the rule;
 * sensitive values (PINs, keys) are never part of it.
 */
public final class ValidationException extends IllegalArgumentException {
    private final String field;
    private final String value;
    private final String rule;

    public ValidationException(String field, String value, String rule) {
        super(field + " '" + value + "': " + rule);
        this.field = field;
        this.value = value;
        this.rule = rule;
    }

    /** For sensitive elements: the value is replaced by a mask in the message and the accessor. */
    public static ValidationException sensitive(String field, String rule) {
        return new ValidationException(field, "****", rule);
    }

    public String field() {
        return field;
    }

    public String value() {
        return value;
    }

    public String rule() {
        return rule;
    }
}
