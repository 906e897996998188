package org.citycard.dictionary.xml;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.citycard.dictionary.Code;
import org.citycard.dictionary.CodeTable;
import org.citycard.dictionary.DataElement;
import org.citycard.dictionary.Dictionary;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes one XSD per exchange document type from {@link ExchangeLayouts} and the dictionary's data elements. Each
 * element used becomes a named simple type with its 中文 / English names as documentation:
 *
 * <ul>
 *   <li>N and BCD: digits (BCD: two a byte), as many as the element's length; a date rule gives an 8-digit date;
 *   <li>AN: printable ASCII of the element's length; rule gb11643 the citizen-ID pattern;
 *   <li>GB 18030 text: at most as many characters as the element has bytes;
 *   <li>B: upper-case hex, two digits a byte;
 *   <li>AMOUNT: an integer of fen from 0 to the largest the element's bytes hold;
 *   <li>a code table: its codes as an enumeration, each with its names.
 * </ul>
 *
 * The schemas have no target namespace; the header and the document's fields may come in any order
 * ({@code xs:all}), the items of the list in a sequence. The DOM is built with {@code javax.xml} and written by the
 * JDK's transformer, never by string concatenation.
 */
public final class SchemaGenerator {
    static final String XS = XMLConstants.W3C_XML_SCHEMA_NS_URI;

    private final Dictionary dict;
    private final ExchangeLayouts layouts;

    public SchemaGenerator(Dictionary dict, ExchangeLayouts layouts) {
        this.dict = dict;
        this.layouts = layouts;
    }

    public static SchemaGenerator standard() {
        return new SchemaGenerator(Dictionary.standard(), ExchangeLayouts.standard());
    }

    /** Writes every document type's schema into each directory given ({@code <root>.xsd}). */
    public static void main(String[] args) throws IOException {
        SchemaGenerator g = standard();
        for (String dir : args) {
            Path d = Path.of(dir);
            Files.createDirectories(d);
            for (ExchangeLayouts.Layout l : g.layouts.layouts()) {
                Path f = d.resolve(fileName(l));
                byte[] xsd = g.schema(l.type());
                if (!Files.exists(f) || !java.util.Arrays.equals(Files.readAllBytes(f), xsd)) {
                    Files.write(f, xsd);
                }
            }
        }
    }

    public static String fileName(ExchangeLayouts.Layout l) {
        return l.root() + ".xsd";
    }

    /** The XSD of one document type, UTF-8. */
    public byte[] schema(String type) {
        ExchangeLayouts.Layout layout = layouts.layout(type);
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            Document doc = f.newDocumentBuilder().newDocument();
            Element schema = doc.createElementNS(XS, "xs:schema");
            schema.setAttribute("elementFormDefault", "unqualified");
            schema.setAttribute("version", "1");
            doc.appendChild(schema);
            schema.appendChild(doc.createComment(" Generated from the CityCard data dictionary (exchange.yaml and"
                    + " elements.yaml) by SchemaGenerator; do not edit. "));
            documentation(
                    doc,
                    schema,
                    layout.zh(),
                    layout.en() + " (" + layout.type() + ", "
                            + (layout.inbound() ? "department to clearing centre" : "clearing centre to department")
                            + ")");

            Element root = xs(doc, schema, "element");
            root.setAttribute("name", layout.root());
            Element rootType = xs(doc, root, "complexType");
            Element all = xs(doc, rootType, "all");
            Element header = xs(doc, all, "element");
            header.setAttribute("name", "header");
            header.setAttribute("type", "header");
            Set<String> used = new LinkedHashSet<>();
            for (ExchangeLayouts.Field field : layout.fields()) {
                field(doc, all, field, used);
            }
            if (layout.items() != null) {
                Element list = xs(doc, all, "element");
                list.setAttribute("name", layout.items().list());
                Element seq = xs(doc, xs(doc, list, "complexType"), "sequence");
                Element item = xs(doc, seq, "element");
                item.setAttribute("name", layout.items().item());
                item.setAttribute("minOccurs", "0");
                item.setAttribute("maxOccurs", "unbounded");
                Element itemAll = xs(doc, xs(doc, item, "complexType"), "all");
                for (ExchangeLayouts.Field field : layout.items().fields()) {
                    field(doc, itemAll, field, used);
                }
            }
            Element headerType = xs(doc, schema, "complexType");
            headerType.setAttribute("name", "header");
            Element headerAll = xs(doc, headerType, "all");
            for (ExchangeLayouts.Field field : layouts.header()) {
                field(doc, headerAll, field, used);
            }
            for (String id : used) {
                simpleType(doc, schema, dict.element(id));
            }
            TransformerFactory tf = TransformerFactory.newInstance();
            var t = tf.newTransformer();
            t.setOutputProperty(OutputKeys.INDENT, "yes");
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            t.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            t.transform(new DOMSource(doc), new StreamResult(out));
            return out.toByteArray();
        } catch (ParserConfigurationException | TransformerException e) {
            throw new IllegalStateException("cannot build the XSD of document type " + type + ": " + e, e);
        }
    }

    private static void field(Document doc, Element parent, ExchangeLayouts.Field field, Set<String> used) {
        Element e = xs(doc, parent, "element");
        e.setAttribute("name", field.xmlName());
        e.setAttribute("type", field.element());
        if (field.optional()) {
            e.setAttribute("minOccurs", "0");
        }
        used.add(field.element());
    }

    private void simpleType(Document doc, Element schema, DataElement e) {
        Element type = xs(doc, schema, "simpleType");
        type.setAttribute("name", e.id());
        documentation(doc, type, e.zh(), e.en() + " (" + e.type() + " " + e.lengthText() + ")");
        Element r = xs(doc, type, "restriction");
        if (e.codeTable() != null && !"region".equals(e.codeTable())) {
            r.setAttribute("base", "xs:string");
            CodeTable table = dict.codeTable(e.codeTable());
            for (Code c : table.codes()) {
                Element en = facet(doc, r, "enumeration", c.code());
                documentation(doc, en, c.zh(), c.en());
            }
            return;
        }
        switch (e.type()) {
            case AMOUNT -> {
                r.setAttribute("base", "xs:long");
                facet(doc, r, "minInclusive", "0");
                BigInteger max = BigInteger.ONE.shiftLeft(8 * e.length()).subtract(BigInteger.ONE);
                if (max.bitLength() > 63) {
                    max = BigInteger.valueOf(Long.MAX_VALUE);
                }
                facet(doc, r, "maxInclusive", max.toString());
            }
            case N, BCD -> {
                r.setAttribute("base", "xs:string");
                int perByte = e.type() == org.citycard.dictionary.ElementType.BCD ? 2 : 1;
                if ("date".equals(e.rule())) {
                    facet(doc, r, "pattern", "[0-9]{4}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])");
                } else if ("time".equals(e.rule())) {
                    facet(doc, r, "pattern", "([01][0-9]|2[0-3])[0-5][0-9][0-5][0-9]");
                } else if ("yearMonth".equals(e.rule())) {
                    facet(doc, r, "pattern", "[0-9]{4}(0[1-9]|1[0-2])");
                } else {
                    facet(doc, r, "pattern", "[0-9]" + repeat(e, perByte));
                }
            }
            case AN -> {
                r.setAttribute("base", "xs:string");
                if ("gb11643".equals(e.rule())) {
                    facet(doc, r, "pattern", "[0-9]{17}[0-9X]");
                } else {
                    facet(doc, r, "pattern", "[ -~]" + repeat(e, 1));
                }
            }
            case GB18030 -> {
                r.setAttribute("base", "xs:string");
                facet(doc, r, "minLength", "1");
                facet(doc, r, "maxLength", String.valueOf(e.isFixedLength() ? e.length() : e.maxLength()));
            }
            case B -> {
                r.setAttribute("base", "xs:string");
                facet(doc, r, "pattern", "[0-9A-F]" + repeat(e, 2));
            }
            default -> throw new IllegalStateException("element " + e.id() + ": no XML form for type " + e.type());
        }
    }

    private static String repeat(DataElement e, int perChar) {
        return e.isFixedLength()
                ? "{" + e.length() * perChar + "}"
                : "{" + e.minLength() * perChar + "," + e.maxLength() * perChar + "}";
    }

    private static Element facet(Document doc, Element restriction, String name, String value) {
        Element f = xs(doc, restriction, name);
        f.setAttribute("value", value);
        return f;
    }

    private static void documentation(Document doc, Element parent, String zh, String en) {
        Element ann = xs(doc, parent, "annotation");
        Element d1 = xs(doc, ann, "documentation");
        d1.setAttributeNS(XMLConstants.XML_NS_URI, "xml:lang", "zh");
        d1.setTextContent(zh);
        Element d2 = xs(doc, ann, "documentation");
        d2.setAttributeNS(XMLConstants.XML_NS_URI, "xml:lang", "en");
        d2.setTextContent(en);
    }

    private static Element xs(Document doc, Element parent, String name) {
        Element e = doc.createElementNS(XS, "xs:" + name);
        parent.appendChild(e);
        return e;
    }
}
