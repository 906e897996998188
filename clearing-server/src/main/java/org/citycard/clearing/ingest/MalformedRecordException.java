package org.citycard.clearing.ingest;

/** A record that cannot be decoded or breaks a rule of its layout; the message names the field and the rule. */
public class MalformedRecordException extends RuntimeException {
    public MalformedRecordException(String message) {
        super(message);
    }
}
