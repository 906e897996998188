package org.citycard.dictionary.format;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Optional;

/** A fixed-width text file layout (bank detail file, population registry, department exchange file). */
public record TextLayout(
        String id,
        String zh,
        String en,
        String encoding,
        int lineLength,
        String lineEnd,
        String note,
        List<TextRecordType> records) {

    public TextLayout {
        records = records == null ? List.of() : List.copyOf(records);
    }

    public Charset charset() {
        return Charset.forName(encoding);
    }

    public Optional<TextRecordType> recordType(String type) {
        return records.stream().filter(r -> r.type().equals(type)).findFirst();
    }
}
