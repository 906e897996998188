package org.citycard.dictionary.iso8583.message;

import static org.citycard.dictionary.iso8583.message.Fields.*;

import org.citycard.dictionary.record.OriginalDataElements;
import org.citycard.dictionary.validate.ValidationException;
import org.jpos.iso.ISOMsg;

/**
 * 0400 load reversal: the load's fields under the reversal's own STAN, and field 90 naming the 0100 reversed.
 */
public record LoadReversal(LoadFields load, OriginalDataElements original) implements CityCardMessage {
    public static final String MTI = "0400";

    /** The reversal, under {@code stan}, of the load authorised as {@code load}. */
    public static LoadReversal of(LoadFields load, String stan) {
        OriginalDataElements original = OriginalDataElements.of(
                LoadAuthorisationRequest.MTI, Integer.parseInt(load.stan()), load.date(), load.time());
        return new LoadReversal(load.withStan(stan), original);
    }

    public static LoadReversal read(ISOMsg m) {
        LoadFields load = LoadFields.read(m);
        try {
            return new LoadReversal(
                    load, OriginalDataElements.parse(digits(m, ORIGINAL_DATA, OriginalDataElements.SIZE)));
        } catch (ValidationException e) {
            throw new MessageFieldException(ORIGINAL_DATA, e.field() + ": " + e.rule());
        }
    }

    @Override
    public String mti() {
        return MTI;
    }

    @Override
    public ISOMsg toIso() {
        ISOMsg m = message(MTI);
        load.writeTo(m);
        set(m, ORIGINAL_DATA, original.text());
        return m;
    }
}
