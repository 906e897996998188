package org.citycard.dictionary;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.citycard.dictionary.validate.Rules;

/** Elements and code tables: names in both languages, lengths, known code tables and rules, unique codes. */
final class ElementChecks extends DefinitionCheck {
    ElementChecks(CheckContext ctx) {
        super(ctx);
    }

    void checkElements(List<DataElement> list) {
        String file = ctx.manifest.elements();
        for (DataElement e : DictionaryLoader.nonNull(list)) {
            String entry = "element " + e.id();
            names(file, entry, e.zh(), e.en());
            if (e.type() == null) {
                problem(file, entry, "has no type");
            }
            if (e.length() == null && (e.minLength() == null || e.maxLength() == null)) {
                problem(file, entry, "needs a length, or both minLength and maxLength");
            } else if (e.length() != null && e.length() <= 0) {
                problem(file, entry, "length must be positive, not " + e.length());
            } else if (e.length() == null && e.minLength() > e.maxLength()) {
                problem(file, entry, "minLength " + e.minLength() + " exceeds maxLength " + e.maxLength());
            }
            if (e.codeTable() != null && !ctx.codeTables.containsKey(e.codeTable())) {
                problem(file, entry, "unknown code table '" + e.codeTable() + "'");
            }
            if (e.rule() != null && !Rules.NAMES.contains(e.rule())) {
                problem(file, entry, "unknown rule '" + e.rule() + "'; known rules: " + Rules.NAMES);
            }
        }
    }

    void checkCodeTable(String file, CodeTable t) {
        String entry = "code table " + t.id();
        names(file, entry, t.zh(), t.en());
        if (t.codes().isEmpty()) {
            problem(file, entry, "has no codes");
        }
        Set<String> seen = new HashSet<>();
        for (Code c : t.codes()) {
            String ce = entry + ", code " + c.code();
            if (c.code() == null || c.code().length() != t.codeLength()) {
                problem(file, ce, "code length must be " + t.codeLength());
            }
            if (!seen.add(c.code())) {
                problem(file, ce, "duplicate code");
            }
            names(file, ce, c.zh(), c.en());
        }
        for (Code c : t.codes()) {
            for (String n : c.next()) {
                if (!seen.contains(n)) {
                    problem(file, entry + ", code " + c.code(), "next state '" + n + "' is not a code of this table");
                }
            }
        }
    }
}
