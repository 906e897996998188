package org.citycard.dictionary.iso8583.message;

import static org.citycard.dictionary.iso8583.message.Fields.*;

import org.jpos.iso.ISOMsg;

/**
 * 0100 load authorisation request, in yuan (field 49 = 156).
 *
 * @param initData field 48: the card's INITIALIZE FOR LOAD answer (layout load_authorisation_request)
 */
public record LoadAuthorisationRequest(LoadFields load, byte[] initData) implements CityCardMessage {
    public static final String MTI = "0100";

    public static LoadAuthorisationRequest read(ISOMsg m) {
        if (!CNY.equals(m.getString(CURRENCY))) {
            throw new MessageFieldException(CURRENCY, "currency 156 (CNY)");
        }
        return new LoadAuthorisationRequest(LoadFields.read(m), bytes(m, ADDITIONAL_DATA));
    }

    @Override
    public String mti() {
        return MTI;
    }

    @Override
    public ISOMsg toIso() {
        ISOMsg m = message(MTI);
        load.writeTo(m);
        set(m, ADDITIONAL_DATA, initData);
        set(m, CURRENCY, CNY);
        return m;
    }
}
