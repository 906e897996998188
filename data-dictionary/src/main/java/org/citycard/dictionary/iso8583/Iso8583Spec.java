package org.citycard.dictionary.iso8583;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The ISO 8583 message set of CityCard: packager fields, names, and the use per message type. */
public record Iso8583Spec(
        String packager,
        List<CodeName> processingCodes,
        List<CodeName> networkCodes,
        MacRule mac,
        List<IsoField> fields,
        List<MessageUse> messages,
        Map<Integer, PackagerField> packagerFields,
        String packagerXml) {

    public Optional<MessageUse> message(String mti) {
        return messages.stream().filter(m -> m.mti().equals(mti)).findFirst();
    }

    public Optional<IsoField> field(int number) {
        return fields.stream().filter(f -> f.number() == number).findFirst();
    }
}
