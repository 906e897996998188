package org.citycard.dictionary;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.citycard.dictionary.DictionaryException.Problem;
import org.citycard.dictionary.DictionaryLoader.IsoFile;
import org.citycard.dictionary.DictionaryLoader.Manifest;
import org.citycard.dictionary.card.Application;
import org.citycard.dictionary.card.CardCommand;
import org.citycard.dictionary.card.CardFile;
import org.citycard.dictionary.card.DataItem;
import org.citycard.dictionary.card.TlvRecord;
import org.citycard.dictionary.crypto.KeyDefinition;
import org.citycard.dictionary.crypto.KeySpec;
import org.citycard.dictionary.format.BinaryLayout;
import org.citycard.dictionary.format.TextLayout;
import org.citycard.dictionary.format.TextRecordType;
import org.citycard.dictionary.iso8583.Iso8583Spec;
import org.citycard.dictionary.iso8583.IsoField;
import org.citycard.dictionary.iso8583.MessageUse;
import org.citycard.dictionary.iso8583.PackagerField;
import org.citycard.dictionary.validate.Rules;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The rules a definition file must keep: unique ids, known references, fields that fit and do not overlap,
 * message fields the packager defines, a demo key set marked demo-only. Each broken rule becomes a
 * {@link Problem} naming the file, the entry and the rule; the loader reports them all at once.
 */
final class DictionaryChecks {
    static final Set<String> ACCESS =
            Set.of("free", "pin", "pin-or-terminal-auth", "perso", "secure-messaging", "purchase-mac", "card", "never");
    private static final Pattern HEX_BYTE = Pattern.compile("[0-9A-F]{2}");
    private static final Pattern HEX = Pattern.compile("([0-9A-F]{2})+");

    private final Manifest manifest;
    private final List<Problem> problems;
    private Map<String, DataElement> elements = Map.of();
    private Map<String, CodeTable> codeTables = Map.of();

    DictionaryChecks(Manifest manifest, List<Problem> problems) {
        this.manifest = manifest;
        this.problems = problems;
    }

    void setContext(Map<String, DataElement> elements, Map<String, CodeTable> codeTables) {
        this.elements = elements;
        this.codeTables = codeTables;
    }

    private void problem(String file, String entry, String rule) {
        problems.add(new Problem(file, entry, rule));
    }

    <T> Map<String, T> unique(String file, String what, List<T> list, Function<T, String> key) {
        Map<String, T> map = new LinkedHashMap<>();
        for (T t : DictionaryLoader.nonNull(list)) {
            String k = key.apply(t);
            if (k == null || k.isBlank()) {
                problem(file, what + " " + t, "has no id");
            } else if (map.putIfAbsent(k, t) != null) {
                problem(file, what + " " + k, "duplicate id: each " + what + " is defined once");
            }
        }
        return map;
    }

    // ---------------------------------------------------------------- elements and code tables

    void checkElements(List<DataElement> list) {
        String file = manifest.elements();
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
            if (e.codeTable() != null && !codeTables.containsKey(e.codeTable())) {
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

    private void names(String file, String entry, String zh, String en) {
        if (zh == null || zh.isBlank() || en == null || en.isBlank()) {
            problem(file, entry, "needs both a Chinese (zh) and an English (en) name");
        }
    }

    // ---------------------------------------------------------------- card layout and commands

    Application checkApplication(Application app) {
        String file = manifest.card();
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
                    fields = binaryFields(file, entry, f.fields(), f.size());
                }
            }
            case LINEAR_FIXED, CYCLIC -> {
                if (f.recordCount() == null || f.recordLength() == null) {
                    problem(file, entry, "a record file needs recordCount and recordLength");
                } else {
                    fields = binaryFields(file, entry, f.fields(), f.recordLength());
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
            DataElement e = elements.get(r.element());
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

    private LayoutField resolve(String file, String entry, LayoutField f) {
        String fe = entry + ", field " + f.key();
        if (f.key() == null) {
            problem(file, entry + ", field ?", "a field needs an element or a name");
            return null;
        }
        if (f.codeTable() != null && !codeTables.containsKey(f.codeTable())) {
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
        DataElement e = elements.get(f.element());
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

    void checkCommand(CardCommand c, Set<String> apps, Set<String> statusWords) {
        String file = manifest.apdu();
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
            if (d.element() != null && !elements.containsKey(d.element())) {
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

    // ---------------------------------------------------------------- formats

    BinaryLayout checkBinaryLayout(BinaryLayout l) {
        String entry = "binary layout " + l.id();
        names(manifest.formats(), entry, l.zh(), l.en());
        List<LayoutField> fields = binaryFields(manifest.formats(), entry, l.fields(), l.size());
        return new BinaryLayout(l.id(), l.zh(), l.en(), l.size(), l.note(), fields);
    }

    TextLayout checkTextLayout(TextLayout l) {
        String file = manifest.formats();
        String entry = "text layout " + l.id();
        names(file, entry, l.zh(), l.en());
        Charset charset = StandardCharsets.US_ASCII;
        try {
            charset = Charset.forName(l.encoding());
        } catch (RuntimeException e) {
            problem(file, entry, "unknown encoding '" + l.encoding() + "'");
        }
        unique(file, entry + ", record type", l.records(), TextRecordType::type);
        List<TextRecordType> records = new ArrayList<>();
        for (TextRecordType r : l.records()) {
            String re = entry + ", record " + r.type();
            if (r.type() == null || r.type().length() != 1) {
                problem(file, re, "a record type is one character");
            }
            int total = 0;
            List<LayoutField> fields = new ArrayList<>();
            for (LayoutField f : r.fields()) {
                LayoutField rf = resolve(file, re, f);
                if (rf == null) {
                    continue;
                }
                if (rf.offset() != null) {
                    problem(file, re + ", field " + rf.key(), "text fields have no offset; they follow each other");
                }
                if (rf.value() != null && rf.value().getBytes(charset).length != rf.length()) {
                    problem(
                            file,
                            re + ", field " + rf.key(),
                            "constant '" + rf.value() + "' is not " + rf.length() + " bytes");
                }
                total += rf.length();
                fields.add(rf);
            }
            if (!fields.isEmpty()
                    && !(fields.get(0).value() != null && fields.get(0).value().equals(r.type()))) {
                problem(file, re, "the first field must be the constant record type '" + r.type() + "'");
            }
            if (total != l.lineLength()) {
                problem(file, re, "field lengths add up to " + total + ", not the line length " + l.lineLength());
            }
            records.add(new TextRecordType(r.type(), r.zh(), r.en(), fields));
        }
        return new TextLayout(l.id(), l.zh(), l.en(), l.encoding(), l.lineLength(), l.lineEnd(), l.note(), records);
    }

    // ---------------------------------------------------------------- ISO 8583

    Iso8583Spec checkIso8583(IsoFile iso, String packagerXml, Set<String> binaryLayouts) {
        String file = manifest.iso8583();
        Map<Integer, PackagerField> packager = new TreeMap<>();
        if (packagerXml == null) {
            problem(file, "packager", "packager file '" + iso.packager() + "' does not exist");
        } else {
            packager = parsePackager(iso.packager(), packagerXml);
        }
        Map<Integer, IsoField> names = new TreeMap<>();
        for (IsoField f : DictionaryLoader.nonNull(iso.fields())) {
            String fe = "field " + f.number();
            names(file, fe, f.zh(), f.en());
            if (names.put(f.number(), f) != null) {
                problem(file, fe, "duplicate field");
            }
            PackagerField pf = packager.get(f.number());
            if (pf == null || !pf.isUsed()) {
                problem(file, fe, "is named here but not defined (or IF_NOP) in the packager " + iso.packager());
            }
            if (f.element() != null && !elements.containsKey(f.element())) {
                problem(file, fe, "unknown data element '" + f.element() + "'");
            }
        }
        unique(file, "message", iso.messages(), MessageUse::mti);
        for (MessageUse m : DictionaryLoader.nonNull(iso.messages())) {
            String me = "message " + m.mti();
            names(file, me, m.zh(), m.en());
            if (m.mti() == null || !m.mti().matches("\\d{4}")) {
                problem(file, me, "MTI must be four digits");
            }
            for (Map.Entry<Integer, String> use : m.fields().entrySet()) {
                int n = use.getKey();
                if (!Set.of("M", "C", "E", "O").contains(use.getValue())) {
                    problem(file, me + ", field " + n, "presence must be M, C, E or O, not '" + use.getValue() + "'");
                }
                PackagerField pf = packager.get(n);
                if (pf == null || !pf.isUsed()) {
                    problem(file, me + ", field " + n, "the packager does not define this field");
                }
                if (!names.containsKey(n)) {
                    problem(file, me + ", field " + n, "the field has no name under fields");
                }
            }
            boolean secondary = m.fields().keySet().stream().anyMatch(n -> n > 64 && n != 128);
            int macField = secondary ? 128 : 64;
            if (!m.isMandatory(macField) || m.fields().containsKey(secondary ? 64 : 128)) {
                problem(file, me, "the MAC must be field " + macField + " (mandatory) and no other MAC field");
            }
            if (m.layout48() != null) {
                if (!binaryLayouts.contains(m.layout48())) {
                    problem(file, me, "unknown binary layout '" + m.layout48() + "' for field 48");
                }
                if (!m.fields().containsKey(48)) {
                    problem(file, me, "names a layout for field 48 but does not use field 48");
                }
            }
        }
        return new Iso8583Spec(
                iso.packager(),
                DictionaryLoader.nonNull(iso.processingCodes()),
                DictionaryLoader.nonNull(iso.networkCodes()),
                iso.mac(),
                List.copyOf(names.values()),
                DictionaryLoader.nonNull(iso.messages()),
                Map.copyOf(packager),
                packagerXml);
    }

    private Map<Integer, PackagerField> parsePackager(String file, String xml) {
        Map<Integer, PackagerField> fields = new TreeMap<>();
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            NodeList list = f.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                    .getElementsByTagName("isofield");
            for (int i = 0; i < list.getLength(); i++) {
                Element e = (Element) list.item(i);
                int id = Integer.parseInt(e.getAttribute("id"));
                String cls = e.getAttribute("class");
                if (!cls.startsWith("org.jpos.iso.")) {
                    problem(file, "isofield " + id, "class '" + cls + "' is not a jPOS field packager");
                }
                PackagerField pf =
                        new PackagerField(id, Integer.parseInt(e.getAttribute("length")), e.getAttribute("name"), cls);
                if (fields.put(id, pf) != null) {
                    problem(file, "isofield " + id, "duplicate field id");
                }
            }
        } catch (Exception e) {
            problem(file, "(file)", "is not a valid GenericPackager XML: " + e.getMessage());
        }
        return fields;
    }

    // ---------------------------------------------------------------- keys

    void checkKeys(KeySpec keys) {
        String file = manifest.keys();
        Map<String, KeyDefinition> defs = unique(file, "key", keys.keys(), KeyDefinition::id);
        unique(
                file,
                "key ID",
                keys.keys().stream().filter(k -> k.keyId() != null).toList(),
                KeyDefinition::keyId);
        for (KeyDefinition k : defs.values()) {
            String entry = "key " + k.id();
            names(file, entry, k.zh(), k.en());
            if (k.masterKey() != null && !defs.containsKey(k.masterKey())) {
                problem(file, entry, "unknown master key '" + k.masterKey() + "'");
            }
            if (k.derives() != null && !defs.containsKey(k.derives())) {
                problem(file, entry, "derives unknown key '" + k.derives() + "'");
            }
            if (k.keyId() != null && !HEX_BYTE.matcher(k.keyId()).matches()) {
                problem(file, entry, "key ID must be one byte of upper-case hex");
            }
        }
        KeySpec.DemoKeys demo = keys.demoKeySet();
        if (demo == null) {
            problem(file, "demoKeySet", "the demo key set is missing");
            return;
        }
        if (!demo.demoOnly()) {
            problem(file, "demoKeySet", "the demo key set must be marked demoOnly: true");
        }
        Collection<String> required = defs.values().stream()
                .filter(k -> k.derives() != null || k.id().equals("TK"))
                .map(KeyDefinition::id)
                .toList();
        for (String id : required) {
            if (!demo.keys().containsKey(id)) {
                problem(file, "demoKeySet." + id, "every master key and the transport key need a demo value");
            }
        }
        for (Map.Entry<String, String> e : demo.keys().entrySet()) {
            if (!defs.containsKey(e.getKey())) {
                problem(file, "demoKeySet." + e.getKey(), "is not a key of the hierarchy");
            }
            if (e.getValue() == null || !e.getValue().matches("[0-9A-F]{32}")) {
                problem(file, "demoKeySet." + e.getKey(), "a key value is 16 bytes of upper-case hex");
            }
        }
    }
}
