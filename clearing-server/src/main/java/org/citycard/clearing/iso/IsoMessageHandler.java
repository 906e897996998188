package org.citycard.clearing.iso;

import org.citycard.clearing.reference.Terminal;
import org.citycard.dictionary.iso8583.message.CityCardMessage;
import org.citycard.dictionary.iso8583.message.MessageFieldException;
import org.jpos.iso.ISOMsg;

/**
 * Handles one request type: reads it with the dictionary's message record and answers with the record of the
 * answer. Called only for a registered terminal whose message MAC verified and whose mandatory fields (per the
 * dictionary) are present.
 */
public interface IsoMessageHandler {
    /** The request MTI handled, e.g. "0100". */
    String mti();

    /**
     * @throws MessageFieldException a field of the request breaks its rule: answered 30, nothing changed
     */
    CityCardMessage handle(ISOMsg request, Terminal terminal);
}
