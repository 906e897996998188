package org.citycard.dictionary.xml;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.citycard.dictionary.Code;
import org.citycard.dictionary.CodeTable;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.DictionaryException;

/**
 * The layouts of the exchange documents, read from {@code dictionary/exchange.yaml} and checked against the
 * dictionary: every field names a known data element, every document type is a code of table document-type.
 */
public final class ExchangeLayouts {
    static final String RESOURCE = "/dictionary/exchange.yaml";
    private static volatile ExchangeLayouts standard;

    private final List<Field> header;
    private final Map<String, Layout> byType;

    /** One field: its XML name and the data element that defines its values. */
    public record Field(String name, String element, boolean optional) {
        public String xmlName() {
            return name != null ? name : element;
        }
    }

    /** The repeated part of a document: the list's element, the item's element and the item's fields. */
    public record Items(String list, String item, List<Field> fields) {}

    /**
     * One document type.
     *
     * @param type its code in table document-type
     * @param root the XML root element (the code's {@code name} attribute)
     * @param inbound sent by a department to the clearing centre (else by the centre to departments)
     */
    public record Layout(
            String type, String root, String zh, String en, boolean inbound, List<Field> fields, Items items) {}

    record Raw(List<Field> header, List<RawDocument> documents) {}

    record RawDocument(String type, List<Field> fields, Items items) {}

    private ExchangeLayouts(List<Field> header, Map<String, Layout> byType) {
        this.header = header;
        this.byType = byType;
    }

    /** The layouts shipped with this build, checked against the standard dictionary. */
    public static ExchangeLayouts standard() {
        ExchangeLayouts l = standard;
        if (l == null) {
            synchronized (ExchangeLayouts.class) {
                if (standard == null) {
                    try (InputStream in = ExchangeLayouts.class.getResourceAsStream(RESOURCE)) {
                        if (in == null) {
                            throw new DictionaryException("exchange.yaml", RESOURCE, "not on the classpath");
                        }
                        standard = load(in, Dictionary.standard());
                    } catch (IOException e) {
                        throw new DictionaryException("exchange.yaml", "file", "cannot be read: " + e.getMessage());
                    }
                }
                l = standard;
            }
        }
        return l;
    }

    static ExchangeLayouts load(InputStream in, Dictionary dict) throws IOException {
        Raw raw = new ObjectMapper(new YAMLFactory())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                .readValue(in, Raw.class);
        List<String> problems = new ArrayList<>();
        CodeTable types = dict.codeTable("document-type");
        check(dict, "header", raw.header(), problems);
        Map<String, Layout> byType = new LinkedHashMap<>();
        for (RawDocument d : raw.documents()) {
            Code code = types.find(d.type()).orElse(null);
            if (code == null) {
                problems.add("document " + d.type() + ": not a code of table document-type");
                continue;
            }
            List<Field> fields = d.fields() == null ? List.of() : List.copyOf(d.fields());
            check(dict, "document " + d.type(), fields, problems);
            if (d.items() != null) {
                check(dict, "document " + d.type() + " items", d.items().fields(), problems);
            }
            byType.put(
                    d.type(),
                    new Layout(
                            d.type(),
                            code.attr("name"),
                            code.zh(),
                            code.en(),
                            "in".equals(code.attr("direction")),
                            fields,
                            d.items()));
        }
        for (Code c : types.codes()) {
            if (!byType.containsKey(c.code())) {
                problems.add("document type " + c.code() + " (" + c.en() + "): has no layout in exchange.yaml");
            }
        }
        if (!problems.isEmpty()) {
            throw new DictionaryException(problems.stream()
                    .map(p -> new DictionaryException.Problem("exchange.yaml", p, "broken"))
                    .toList());
        }
        return new ExchangeLayouts(List.copyOf(raw.header()), byType);
    }

    private static void check(Dictionary dict, String where, List<Field> fields, List<String> problems) {
        if (fields == null) {
            problems.add(where + ": no field list");
            return;
        }
        for (Field f : fields) {
            if (!dict.elements().containsKey(f.element())) {
                problems.add(where + ", field " + f.xmlName() + ": unknown data element '" + f.element() + "'");
            }
        }
    }

    public List<Field> header() {
        return header;
    }

    public List<Layout> layouts() {
        return List.copyOf(byType.values());
    }

    public Layout layout(String type) {
        Layout l = byType.get(type);
        if (l == null) {
            throw new IllegalArgumentException(
                    "document_type '" + type + "': not a code of table document-type " + byType.keySet());
        }
        return l;
    }

    /** The layout whose XML root element is {@code root}. */
    public java.util.Optional<Layout> byRoot(String root) {
        return byType.values().stream().filter(l -> l.root().equals(root)).findFirst();
    }
}
