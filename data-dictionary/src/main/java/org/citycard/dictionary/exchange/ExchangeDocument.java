package org.citycard.dictionary.exchange;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** An exchange document: a header and its type's fields (one subclass per code of table document-type). */
public abstract sealed class ExchangeDocument
        permits RegistryChange,
                Contributions,
                MedicalMovements,
                ReconciliationStatement,
                CardStatusEvent,
                SettlementNotice {
    /** created_time: YYYYMMDDhhmmss in UTC. */
    public static final DateTimeFormatter CREATED =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    public Header header;

    /** The code of this document's type in table document-type. */
    @JsonIgnore
    public abstract String type();

    /** Fills the header: the type is this class's. */
    public <T extends ExchangeDocument> T header(String documentId, String sender, String receiver, Instant created) {
        header = new Header(documentId, type(), sender, receiver, CREATED.format(created));
        @SuppressWarnings("unchecked")
        T self = (T) this;
        return self;
    }

    @JsonIgnore
    public String documentId() {
        return header == null ? null : header.documentId;
    }

    static <T> java.util.List<T> orEmpty(java.util.List<T> l) {
        return l == null ? java.util.List.of() : l;
    }
}
