package org.citycard.dictionary.exchange;

/** The header every exchange document carries (exchange.yaml {@code header}). */
public class Header {
    public String documentId;
    public String documentType;
    public String sender;
    public String receiver;
    /** YYYYMMDDhhmmss, UTC. */
    public String createdTime;

    public Header() {}

    public Header(String documentId, String documentType, String sender, String receiver, String createdTime) {
        this.documentId = documentId;
        this.documentType = documentType;
        this.sender = sender;
        this.receiver = receiver;
        this.createdTime = createdTime;
    }
}
