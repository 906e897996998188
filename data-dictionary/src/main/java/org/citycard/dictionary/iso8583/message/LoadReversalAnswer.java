package org.citycard.dictionary.iso8583.message;

import static org.citycard.dictionary.iso8583.message.Fields.*;

import org.citycard.dictionary.wire.ResponseCode;
import org.jpos.iso.ISOMsg;

/** 0410 load reversal answer: STAN and terminal echoed, and the response code. */
public record LoadReversalAnswer(String stan, String terminalId, String responseCode) implements CityCardMessage {
    public static final String MTI = "0410";

    public static LoadReversalAnswer answering(LoadReversal reversal, ResponseCode code) {
        return new LoadReversalAnswer(reversal.load().stan(), reversal.load().terminalId(), code.code());
    }

    public static LoadReversalAnswer read(ISOMsg m) {
        return new LoadReversalAnswer(m.getString(STAN), m.getString(TERMINAL_ID), m.getString(RESPONSE_CODE));
    }

    @Override
    public String mti() {
        return MTI;
    }

    @Override
    public ISOMsg toIso() {
        ISOMsg m = message(MTI);
        set(m, STAN, stan);
        set(m, RESPONSE_CODE, responseCode);
        set(m, TERMINAL_ID, terminalId);
        return m;
    }
}
