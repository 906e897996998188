package org.citycard.dictionary.iso8583.message;

import static org.citycard.dictionary.iso8583.message.Fields.*;

import org.citycard.dictionary.wire.ResponseCode;
import org.jpos.iso.ISOMsg;

/** 0510 reconciliation answer: 00 when the totals agree, 95 when not, with the host's own totals. */
public record ReconciliationAnswer(
        String stan, String businessDate, String terminalId, String batchNumber, String responseCode, Totals host)
        implements CityCardMessage {
    public static final String MTI = "0510";

    public static ReconciliationAnswer answering(ReconciliationRequest request, ResponseCode code, Totals host) {
        return new ReconciliationAnswer(
                request.stan(), request.businessDate(), request.terminalId(), request.batchNumber(), code.code(), host);
    }

    public static ReconciliationAnswer read(ISOMsg m) {
        return new ReconciliationAnswer(
                m.getString(STAN),
                m.getString(BUSINESS_DATE),
                m.getString(TERMINAL_ID),
                m.getString(BATCH_NUMBER),
                m.getString(RESPONSE_CODE),
                Totals.readLenient(m));
    }

    public boolean agreed() {
        return ResponseCode.APPROVED.code().equals(responseCode);
    }

    @Override
    public String mti() {
        return MTI;
    }

    @Override
    public ISOMsg toIso() {
        ISOMsg m = message(MTI);
        set(m, STAN, stan);
        set(m, BUSINESS_DATE, businessDate);
        set(m, RESPONSE_CODE, responseCode);
        set(m, TERMINAL_ID, terminalId);
        set(m, BATCH_NUMBER, batchNumber);
        host.writeTo(m);
        return m;
    }
}
