package org.citycard.dictionary.format;

import java.util.List;
import org.citycard.dictionary.LayoutField;

/** One kind of line in a fixed-width text file, told apart by its first character. */
public record TextRecordType(String type, String zh, String en, List<LayoutField> fields) {
    public TextRecordType {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }
}
