package org.citycard.dictionary;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.citycard.dictionary.card.Application;
import org.citycard.dictionary.card.CardCommand;
import org.citycard.dictionary.card.CardFile;
import org.citycard.dictionary.card.DataItem;
import org.citycard.dictionary.card.TlvRecord;

/**
 * Card applications and their files (AID, SFI, FID, access rules, structure, TLV records) and the APDU commands
 * (header bytes, access, known applications, status words and data elements).
 */
final class CardChecks extends DefinitionCheck {
    static final Set<String> ACCESS =
            Set.of("free", "pin", "pin-or-terminal-auth", "perso", "secure-messaging", "purchase-mac", "card", "never");
    private final LayoutFieldChecks layoutFields;

    CardChecks(CheckContext ctx, LayoutFieldChecks fields) {
        super(ctx);
        this.layoutFields = fields;
    }

    Application checkApplication(Application app) {
        String file = ctx.manifest.card();
        String entry = "application " + app.id();
        names(file, entry, app.zh(), app.en());
        if (app.aid() == null
                || !HEX.matcher(app.aid()).matches()
                || app.aid().length() < 10
                || app.aid().length() > 32) {
            problem(file, entry, "AID must be 5 to 16 bytes of upper-case hex, not '" + app.aid() + "'");
        }
        unique(file, entry + ", file", app.files(), CardFile::id);
        unique(
                file,
                entry + ", SFI",
                app.files().stream().filter(f -> f.sfi() != null).toList(),
                f -> "" + f.sfi());
        List<CardFile> resolved = new ArrayList<>();
        for (CardFile f : app.files()) {
            resolved.add(checkFile(file, entry + ", file " + f.id(), f));
        }
        return new Application(app.id(), app.zh(), app.en(), app.aid(), app.note(), resolved);
    }

    private CardFile checkFile(String file, String entry, CardFile f) {
        names(file, entry, f.zh(), f.en());
        if (f.sfi() != null && (f.sfi() < 1 || f.sfi() > 30)) {
            problem(file, entry, "SFI must be 1..30, not " + f.sfi());
        }
        if (f.fid() != null && !f.fid().matches("[0-9A-F]{4}")) {
            problem(file, entry, "FID must be 2 bytes of upper-case hex, not '" + f.fid() + "'");
        }
        if (f.read() == null || !ACCESS.contains(f.read())) {
            problem(file, entry, "read access '" + f.read() + "' is not one of " + ACCESS);
        }
        for (String u : f.update()) {
            if (!ACCESS.contains(u)) {
                problem(file, entry, "update access '" + u + "' is not one of " + ACCESS);
            }
        }
        if (f.structure() == null) {
            problem(file, entry, "has no structure");
            return f;
        }
        List<LayoutField> fields = f.fields();
        List<TlvRecord> records = f.records();
        switch (f.structure()) {
            case BINARY -> {
                if (f.size() == null) {
                    problem(file, entry, "a binary file needs a size");
                } else {
                    fields = layoutFields.binaryFields(file, entry, f.fields(), f.size());
                }
            }
            case LINEAR_FIXED, CYCLIC -> {
                if (f.recordCount() == null || f.recordLength() == null) {
                    problem(file, entry, "a record file needs recordCount and recordLength");
                } else {
                    fields = layoutFields.binaryFields(file, entry, f.fields(), f.recordLength());
                }
            }
            case TLV_RECORDS -> records = tlvRecords(file, entry, f.records());
        }
        return new CardFile(
                f.id(),
                f.fid(),
                f.sfi(),
                f.zh(),
                f.en(),
                f.structure(),
                f.size(),
                f.recordCount(),
                f.recordLength(),
                f.read(),
                f.update(),
                f.note(),
                records,
                fields);
    }

    private List<TlvRecord> tlvRecords(String file, String entry, List<TlvRecord> records) {
        if (records.isEmpty()) {
            problem(file, entry, "a TLV record file needs records");
        }
        Set<Integer> numbers = new HashSet<>();
        List<TlvRecord> out = new ArrayList<>();
        for (TlvRecord r : records) {
            String re = entry + ", record " + r.number();
            if (r.number() < 1 || r.number() > 254 || !numbers.add(r.number())) {
                problem(file, re, "record numbers are unique and 1..254");
            }
            DataElement e = ctx.elements.get(r.element());
            if (e == null) {
                problem(file, re, "unknown data element '" + r.element() + "'");
                out.add(r);
            } else if (!e.isFixedLength() && r.length() == null) {
                problem(file, re, "element " + e.id() + " has a variable length; give the record a length");
                out.add(r);
            } else {
                out.add(new TlvRecord(r.number(), r.element(), r.length() != null ? r.length() : e.length()));
            }
        }
        return out;
    }

    void checkCommand(CardCommand c, Set<String> apps, Set<String> statusWords) {
        String file = ctx.manifest.apdu();
        String entry = "command " + c.id();
        names(file, entry, c.zh(), c.en());
        for (String a : c.applications()) {
            if (!apps.contains(a)) {
                problem(file, entry, "unknown application '" + a + "'");
            }
        }
        if (c.applications().isEmpty()) {
            problem(file, entry, "names no application");
        }
        hexByte(file, entry, "cla", c.cla(), true);
        hexByte(file, entry, "ins", c.ins(), true);
        hexByte(file, entry, "p1", c.p1(), false);
        hexByte(file, entry, "p2", c.p2(), false);
        hexByte(file, entry, "lc", c.lc(), false);
        hexByte(file, entry, "le", c.le(), false);
        if (c.access() == null || !(ACCESS.contains(c.access()) || c.access().equals("file"))) {
            problem(file, entry, "access '" + c.access() + "' is not one of " + ACCESS + " or file");
        }
        for (String sw : c.statusWords()) {
            if (!statusWords.contains(sw)) {
                problem(file, entry, "status word " + sw + " is not in statusWords");
            }
        }
        if (!c.statusWords().contains("9000")) {
            problem(file, entry, "must list 9000 among its status words");
        }
        for (DataItem d : concat(c.data(), c.response())) {
            if (d.element() != null && !ctx.elements.containsKey(d.element())) {
                problem(file, entry, "unknown data element '" + d.element() + "'");
            }
            if (d.element() == null && (d.name() == null || d.length() == null)) {
                problem(file, entry, "a data item needs an element, or a name and a length");
            }
        }
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private void hexByte(String file, String entry, String what, String value, boolean required) {
        if (value == null ? required : !HEX_BYTE.matcher(value).matches()) {
            problem(file, entry, what + " must be one byte of upper-case hex, not '" + value + "'");
        }
    }
}
