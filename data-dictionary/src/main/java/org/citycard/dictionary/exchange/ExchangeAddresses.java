package org.citycard.dictionary.exchange;

import org.citycard.dictionary.xml.ExchangeLayouts;

/**
 * The broker's addresses and message properties of the exchange, named once for the server and the clients. Each
 * department has one address per outbound document type ({@code exchange.out.<party>.<document>}); inbound
 * documents go to one address per type ({@code exchange.in.<document>}); refused documents to {@value #DEAD}, with
 * the reason.
 */
public final class ExchangeAddresses {
    public static final String DEAD = "exchange.dead";
    /** JMS properties of a document message (the body is the XML, bytes). */
    public static final String DOCUMENT_ID = "documentId";

    public static final String DOCUMENT_TYPE = "documentType";
    public static final String SENDER = "sender";
    public static final String RECEIVER = "receiver";
    /** Base64 of the detached CMS signature. */
    public static final String SIGNATURE = "signature";
    /** On the dead-letter address: why the document was refused. */
    public static final String REASON = "reason";

    private ExchangeAddresses() {}

    public static String outbound(String party, String type) {
        return "exchange.out." + party + "."
                + ExchangeLayouts.standard().layout(type).root();
    }

    public static String inbound(String type) {
        return "exchange.in." + ExchangeLayouts.standard().layout(type).root();
    }
}
