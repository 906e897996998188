package org.citycard.dictionary.wire;

import java.util.List;
import org.citycard.dictionary.Code;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.iso8583.CodeName;

/** Reads a code by its name from the standard dictionary, failing with the table and the name when it is missing. */
final class WireCodes {
    private WireCodes() {}

    static String codeOf(String table, String name) {
        return Dictionary.standard()
                .codeTable(table)
                .byName(name)
                .map(Code::code)
                .orElseThrow(() -> new IllegalStateException(
                        "the dictionary's code table " + table + " has no code named " + name));
    }

    static String isoCodeOf(String what, List<CodeName> codes, String name) {
        return codes.stream()
                .filter(c -> name.equals(c.name()))
                .map(CodeName::code)
                .findFirst()
                .orElseThrow(() ->
                        new IllegalStateException("the dictionary's ISO 8583 " + what + " have no code named " + name));
    }
}
