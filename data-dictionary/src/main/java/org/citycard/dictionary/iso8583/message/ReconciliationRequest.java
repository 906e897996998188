package org.citycard.dictionary.iso8583.message;

import static org.citycard.dictionary.iso8583.message.Fields.*;

import org.jpos.iso.ISOMsg;

/** 0500 terminal batch reconciliation: the terminal's totals of business date {@code businessDate}. */
public record ReconciliationRequest(
        String stan, String businessDate, String terminalId, String batchNumber, Totals totals)
        implements CityCardMessage {
    public static final String MTI = "0500";

    public static ReconciliationRequest of(
            String stan, String businessDate, String terminalId, int batchNumber, Totals totals) {
        return new ReconciliationRequest(stan, businessDate, terminalId, numeric(BATCH_NUMBER, batchNumber), totals);
    }

    public static ReconciliationRequest read(ISOMsg m) {
        return new ReconciliationRequest(
                element(m, STAN),
                element(m, BUSINESS_DATE),
                element(m, TERMINAL_ID),
                element(m, BATCH_NUMBER),
                Totals.read(m));
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
        set(m, TERMINAL_ID, terminalId);
        set(m, BATCH_NUMBER, batchNumber);
        totals.writeTo(m);
        return m;
    }
}
