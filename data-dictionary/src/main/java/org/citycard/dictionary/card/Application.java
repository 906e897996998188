package org.citycard.dictionary.card;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** An application on the card (SSSE, purse) or on the PSAM. */
public record Application(String id, String zh, String en, String aid, String note, List<CardFile> files) {
    public Application {
        files = files == null ? List.of() : List.copyOf(files);
    }

    public byte[] aidBytes() {
        return HexFormat.of().parseHex(aid);
    }

    public Optional<CardFile> file(String fileId) {
        return files.stream().filter(f -> f.id().equals(fileId)).findFirst();
    }

    public Optional<CardFile> fileBySfi(int sfi) {
        return files.stream().filter(f -> f.sfi() != null && f.sfi() == sfi).findFirst();
    }
}
