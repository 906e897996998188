package org.citycard.dictionary.card;

import java.util.List;
import java.util.Optional;
import org.citycard.dictionary.LayoutField;

/** An elementary file of an application, with its access conditions and content layout. */
public record CardFile(
        String id,
        String fid,
        Integer sfi,
        String zh,
        String en,
        FileStructure structure,
        Integer size,
        Integer recordCount,
        Integer recordLength,
        String read,
        List<String> update,
        String note,
        List<TlvRecord> records,
        List<LayoutField> fields) {

    public CardFile {
        update = update == null ? List.of() : List.copyOf(update);
        records = records == null ? List.of() : List.copyOf(records);
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    public Optional<LayoutField> field(String key) {
        return fields.stream().filter(f -> f.key().equals(key)).findFirst();
    }

    public Optional<TlvRecord> record(int number) {
        return records.stream().filter(r -> r.number() == number).findFirst();
    }
}
