package org.citycard.dictionary;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.citycard.dictionary.validate.Rules;

/**
 * The fields of binary and text layouts and card files: resolved from their elements (length, names), known code
 * tables and rules, within the size and not overlapping.
 */
final class LayoutFieldChecks extends DefinitionCheck {
    LayoutFieldChecks(CheckContext ctx) {
        super(ctx);
    }

    /** Resolves lengths and names of binary fields and refuses fields past the size or overlapping. */
    List<LayoutField> binaryFields(String file, String entry, List<LayoutField> fields, int size) {
        List<LayoutField> out = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (LayoutField f : fields) {
            LayoutField r = resolve(file, entry, f);
            if (r == null) {
                continue;
            }
            String fe = entry + ", field " + r.key();
            if (!keys.add(r.key())) {
                problem(file, fe, "duplicate field name in the layout");
            }
            if (r.offset() == null) {
                problem(file, fe, "a binary field needs an offset");
                continue;
            }
            if (r.offset() < 0 || r.offset() + r.length() > size) {
                problem(file, fe, "offset " + r.offset() + " + length " + r.length() + " goes past the size " + size);
            }
            out.add(r);
        }
        List<LayoutField> sorted = new ArrayList<>(out);
        sorted.sort(Comparator.comparing(LayoutField::offset));
        for (int i = 1; i < sorted.size(); i++) {
            LayoutField a = sorted.get(i - 1);
            LayoutField b = sorted.get(i);
            if (a.offset() + a.length() > b.offset()) {
                problem(
                        file,
                        entry + ", field " + b.key(),
                        "overlapping offsets: starts at " + b.offset() + " inside field " + a.key() + " (" + a.offset()
                                + ".." + (a.offset() + a.length() - 1) + ")");
            }
        }
        return out;
    }

    LayoutField resolve(String file, String entry, LayoutField f) {
        String fe = entry + ", field " + f.key();
        if (f.key() == null) {
            problem(file, entry + ", field ?", "a field needs an element or a name");
            return null;
        }
        if (f.codeTable() != null && !ctx.codeTables.containsKey(f.codeTable())) {
            problem(file, fe, "unknown code table '" + f.codeTable() + "'");
        }
        if (f.rule() != null && !Rules.NAMES.contains(f.rule())) {
            problem(file, fe, "unknown rule '" + f.rule() + "'");
        }
        if (f.align() != null && !f.align().equals("left") && !f.align().equals("right")) {
            problem(file, fe, "align must be left or right, not '" + f.align() + "'");
        }
        if (f.element() == null) {
            names(file, fe, f.zh(), f.en());
            if (f.length() == null) {
                problem(file, fe, "a field without an element needs a length");
                return null;
            }
            return f.resolved(f.length(), f.zh(), f.en());
        }
        DataElement e = ctx.elements.get(f.element());
        if (e == null) {
            problem(file, fe, "unknown data element '" + f.element() + "'");
            return null;
        }
        Integer length = f.length() != null ? f.length() : e.length();
        if (length == null) {
            problem(file, fe, "element " + e.id() + " has a variable length; give the field a length");
            return null;
        }
        if (e.isFixedLength() && !length.equals(e.length()) && f.encoding() == null) {
            problem(
                    file,
                    fe,
                    "length " + length + " differs from element " + e.id() + "'s length " + e.length()
                            + " without an encoding saying how it is packed");
        }
        if (!e.isFixedLength() && f.encoding() == null && (length < e.minLength() || length > e.maxLength())) {
            problem(file, fe, "length " + length + " is outside element " + e.id() + "'s " + e.lengthText());
        }
        return f.resolved(length, f.zh() != null ? f.zh() : e.zh(), f.en() != null ? f.en() : e.en());
    }
}
