package org.citycard.dictionary.xml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Validates exchange documents against the schemas generated from the dictionary ({@code javax.xml.validation},
 * external entities and DTDs refused). A document's type is read from its root element.
 */
public final class ExchangeSchemas {
    private static final ExchangeSchemas STANDARD =
            new ExchangeSchemas(SchemaGenerator.standard(), ExchangeLayouts.standard());

    private final SchemaGenerator generator;
    private final ExchangeLayouts layouts;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    ExchangeSchemas(SchemaGenerator generator, ExchangeLayouts layouts) {
        this.generator = generator;
        this.layouts = layouts;
    }

    public static ExchangeSchemas standard() {
        return STANDARD;
    }

    public Schema schema(String type) {
        return schemas.computeIfAbsent(type, t -> {
            try {
                SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
                f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
                f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
                return f.newSchema(new StreamSource(new ByteArrayInputStream(generator.schema(t))));
            } catch (SAXException e) {
                throw new IllegalStateException(
                        "the generated XSD of document type " + t + " does not compile: " + e.getMessage(), e);
            }
        });
    }

    /**
     * Checks {@code xml} against the schema of its root element's document type.
     *
     * @return the layout of the document's type
     * @throws InvalidDocumentException naming the line, the element and the rule broken
     */
    public ExchangeLayouts.Layout validate(byte[] xml) {
        String root = rootElement(xml);
        ExchangeLayouts.Layout layout = layouts.byRoot(root)
                .orElseThrow(() -> new InvalidDocumentException("root element <" + root
                        + "> is not an exchange document; known: "
                        + layouts.layouts().stream()
                                .map(ExchangeLayouts.Layout::root)
                                .toList()));
        try {
            Validator v = schema(layout.type()).newValidator();
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            v.validate(new StreamSource(new ByteArrayInputStream(xml)));
            return layout;
        } catch (SAXParseException e) {
            throw new InvalidDocumentException(
                    layout.root() + ".xsd, line " + e.getLineNumber() + ": " + e.getMessage());
        } catch (SAXException | IOException e) {
            throw new InvalidDocumentException(layout.root() + ".xsd: " + e.getMessage());
        }
    }

    /** The local name of the document's root element (no DTD, no external entities). */
    public static String rootElement(byte[] xml) {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try {
            XMLStreamReader r = f.createXMLStreamReader(new ByteArrayInputStream(xml));
            try {
                while (r.hasNext()) {
                    if (r.next() == XMLStreamConstants.START_ELEMENT) {
                        return r.getLocalName();
                    }
                }
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            throw new InvalidDocumentException("not well-formed XML: " + e.getMessage());
        }
        throw new InvalidDocumentException("not well-formed XML: no root element");
    }

    /** A document that is not well-formed or breaks its schema; the message names where and what. */
    public static final class InvalidDocumentException extends IllegalArgumentException {
        public InvalidDocumentException(String message) {
            super(message);
        }
    }
}
