package org.citycard.dictionary.iso8583.message;

/**
 * A field of a message is missing or breaks its rule. The message names the field number and the rule, never the
 * value: fields carry card data. The host answers it with response code 30 (format error), the terminal treats it
 * as a bad answer.
 */
public final class MessageFieldException extends IllegalArgumentException {
    private final int field;
    private final String rule;

    public MessageFieldException(int field, String rule) {
        super("field " + field + ": " + rule);
        this.field = field;
        this.rule = rule;
    }

    public int field() {
        return field;
    }

    public String rule() {
        return rule;
    }
}
