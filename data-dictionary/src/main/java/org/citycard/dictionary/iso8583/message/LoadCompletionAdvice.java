package org.citycard.dictionary.iso8583.message;

import static org.citycard.dictionary.iso8583.message.Fields.*;

import org.jpos.iso.ISOMsg;

/**
 * 0220 load completion advice: the card took the load; STAN and RRN are those of the authorisation.
 *
 * @param rrn the 0110's retrieval reference number, blank when the terminal has none
 * @param tacData field 48 (layout load_completion)
 */
public record LoadCompletionAdvice(LoadFields load, String rrn, byte[] tacData) implements CityCardMessage {
    public static final String MTI = "0220";

    public static LoadCompletionAdvice read(ISOMsg m) {
        return new LoadCompletionAdvice(LoadFields.read(m), m.getString(RRN), bytes(m, ADDITIONAL_DATA));
    }

    @Override
    public String mti() {
        return MTI;
    }

    @Override
    public ISOMsg toIso() {
        ISOMsg m = message(MTI);
        load.writeTo(m);
        set(m, RRN, rrn == null ? "" : rrn);
        set(m, ADDITIONAL_DATA, tacData);
        return m;
    }
}
