package org.citycard.dictionary.iso8583;

import java.util.Map;
import java.util.TreeMap;

/**
 * The use of fields in one message type.
 *
 * @param fields field number → presence: M mandatory, C conditional, E echoed, O optional
 * @param layout48 the binary layout field 48 holds, or null
 */
public record MessageUse(String mti, String zh, String en, Map<Integer, String> fields, String layout48, String note) {
    public MessageUse {
        fields = fields == null ? Map.of() : new TreeMap<>(fields);
    }

    public boolean isMandatory(int field) {
        return "M".equals(fields.get(field));
    }
}
