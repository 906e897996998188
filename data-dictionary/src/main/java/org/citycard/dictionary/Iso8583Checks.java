package org.citycard.dictionary;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.citycard.dictionary.DictionaryLoader.IsoFile;
import org.citycard.dictionary.iso8583.Iso8583Spec;
import org.citycard.dictionary.iso8583.IsoField;
import org.citycard.dictionary.iso8583.MessageUse;
import org.citycard.dictionary.iso8583.PackagerField;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The ISO 8583 file: field names the packager defines, message uses with valid presences and the MAC in the last
 * field, the GenericPackager XML parsed without external entities.
 */
final class Iso8583Checks extends DefinitionCheck {
    Iso8583Checks(CheckContext ctx) {
        super(ctx);
    }

    Iso8583Spec checkIso8583(IsoFile iso, String packagerXml, Set<String> binaryLayouts) {
        String file = ctx.manifest.iso8583();
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
            if (f.element() != null && !ctx.elements.containsKey(f.element())) {
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
}
