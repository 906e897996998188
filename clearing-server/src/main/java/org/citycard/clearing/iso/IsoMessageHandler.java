package org.citycard.clearing.iso;

import org.citycard.clearing.reference.Terminal;
import org.jpos.iso.ISOMsg;

/**
 * Handles one request type. Called only for a registered terminal whose message MAC verified and whose mandatory
 * fields (per the dictionary) are present.
 */
public interface IsoMessageHandler {
    /** The request MTI handled, e.g. "0100". */
    String mti();

    IsoReply handle(ISOMsg request, Terminal terminal) throws BadFieldException;

    /** A field of the request breaks its rule: answered 30, nothing changed. */
    final class BadFieldException extends Exception {
        public BadFieldException(int field, String rule) {
            super("field " + field + ": " + rule);
        }
    }
}
