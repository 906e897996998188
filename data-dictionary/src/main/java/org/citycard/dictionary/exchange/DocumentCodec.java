package org.citycard.dictionary.exchange;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.fasterxml.jackson.dataformat.xml.ser.ToXmlGenerator;
import java.io.IOException;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import org.citycard.dictionary.xml.ExchangeLayouts;
import org.citycard.dictionary.xml.ExchangeSchemas;
import org.citycard.dictionary.xml.ExchangeSchemas.InvalidDocumentException;

/**
 * Writes and reads exchange documents (Jackson XML, UTF-8, element names the dictionary's element IDs). What it
 * writes and what it reads is validated against the document type's generated XSD: a document that breaks its
 * schema is never sent and never parsed into a Java object.
 */
public final class DocumentCodec {
    private static final Map<String, Class<? extends ExchangeDocument>> TYPES = Map.of(
            "RC", RegistryChange.class,
            "SC", Contributions.class,
            "MM", MedicalMovements.class,
            "RS", ReconciliationStatement.class,
            "CE", CardStatusEvent.class,
            "SN", SettlementNotice.class);
    private static final DocumentCodec STANDARD = new DocumentCodec(ExchangeSchemas.standard());

    private final ExchangeSchemas schemas;
    private final XmlMapper mapper;

    DocumentCodec(ExchangeSchemas schemas) {
        this.schemas = schemas;
        XMLInputFactory in = XMLInputFactory.newFactory();
        in.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        in.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        this.mapper = XmlMapper.builder(new XmlFactory(in, XMLOutputFactory.newFactory()))
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .enable(ToXmlGenerator.Feature.WRITE_XML_DECLARATION)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }

    public static DocumentCodec standard() {
        return STANDARD;
    }

    /** The Java type of a document type code. */
    public static Class<? extends ExchangeDocument> javaType(String type) {
        Class<? extends ExchangeDocument> c = TYPES.get(type);
        if (c == null) {
            throw new IllegalArgumentException(
                    "document_type '" + type + "': not a code of table document-type " + TYPES.keySet());
        }
        return c;
    }

    /**
     * The document's XML.
     *
     * @throws InvalidDocumentException when the document breaks its schema (naming the element and the rule)
     */
    public byte[] write(ExchangeDocument document) {
        if (document.header == null || !document.type().equals(document.header.documentType)) {
            throw new InvalidDocumentException("document_type: the header must say " + document.type());
        }
        byte[] xml;
        try {
            xml = mapper.writeValueAsBytes(document);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write document " + document.documentId() + ": " + e, e);
        }
        schemas.validate(xml);
        return xml;
    }

    /**
     * Validates and parses a document.
     *
     * @throws InvalidDocumentException when it is not well-formed, breaks its schema or its header disagrees with
     *     its root element
     */
    public ExchangeDocument read(byte[] xml) {
        ExchangeLayouts.Layout layout = schemas.validate(xml);
        ExchangeDocument d;
        try {
            d = mapper.readValue(xml, javaType(layout.type()));
        } catch (IOException e) {
            throw new InvalidDocumentException(layout.root() + ": "
                    + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                            ? j.getOriginalMessage()
                            : e.getMessage()));
        }
        if (!layout.type().equals(d.header.documentType)) {
            throw new InvalidDocumentException("header/document_type '" + d.header.documentType + "': a <"
                    + layout.root() + "> document has type " + layout.type());
        }
        return d;
    }

    /** Parses without the schema check, for tests that need to see what a broken document would say. */
    <T extends ExchangeDocument> T readUnchecked(byte[] xml, Class<T> type) throws IOException {
        return mapper.readValue(xml, type);
    }

    /** The raw mapper (for tests that write a document the codec would refuse). */
    public byte[] writeUnchecked(ExchangeDocument document) {
        try {
            return mapper.writeValueAsBytes(document);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
