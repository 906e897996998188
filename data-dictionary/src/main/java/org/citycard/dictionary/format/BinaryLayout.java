package org.citycard.dictionary.format;

import java.util.List;
import org.citycard.dictionary.LayoutField;

/** A binary record layout (offline record, card log record, ISO 8583 field 48 layouts). */
public record BinaryLayout(String id, String zh, String en, int size, String note, List<LayoutField> fields) {
    public BinaryLayout {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    /** The field with this name; fails with the layout and field named when there is none. */
    public LayoutField field(String key) {
        return fields.stream()
                .filter(f -> f.key().equals(key))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("layout " + id + " has no field " + key));
    }

    public int offset(String key) {
        return field(key).offset();
    }

    public int length(String key) {
        return field(key).length();
    }
}
