package org.citycard.dictionary.iso8583.message;

import static org.citycard.dictionary.iso8583.message.Fields.*;

import org.citycard.dictionary.wire.ResponseCode;
import org.jpos.iso.ISOMsg;

/** 0230 load completion answer: STAN, RRN and terminal echoed, and the response code. */
public record LoadCompletionAnswer(String stan, String rrn, String terminalId, String responseCode)
        implements CityCardMessage {
    public static final String MTI = "0230";

    public static LoadCompletionAnswer answering(LoadCompletionAdvice advice, ResponseCode code) {
        LoadFields l = advice.load();
        return new LoadCompletionAnswer(l.stan(), advice.rrn(), l.terminalId(), code.code());
    }

    public static LoadCompletionAnswer read(ISOMsg m) {
        return new LoadCompletionAnswer(
                m.getString(STAN), m.getString(RRN), m.getString(TERMINAL_ID), m.getString(RESPONSE_CODE));
    }

    @Override
    public String mti() {
        return MTI;
    }

    @Override
    public ISOMsg toIso() {
        ISOMsg m = message(MTI);
        set(m, STAN, stan);
        set(m, RRN, rrn);
        set(m, RESPONSE_CODE, responseCode);
        set(m, TERMINAL_ID, terminalId);
        return m;
    }
}
