package org.citycard.dictionary.iso8583.message;

import static org.citycard.dictionary.iso8583.message.Fields.*;

import org.jpos.iso.ISOMsg;

/**
 * The fields every load message carries (0100, 0220, 0400 and the echoes of the 0110): card, processing code,
 * amount in fen, STAN, local time and date, terminal and department.
 *
 * @param stan six digits
 * @param time local time hhmmss
 * @param date local date YYYYMMDD
 */
public record LoadFields(
        String asn,
        String processingCode,
        long amount,
        String stan,
        String time,
        String date,
        String terminalId,
        String department) {

    /** Reads and checks the load fields of a request. */
    public static LoadFields read(ISOMsg m) {
        return new LoadFields(
                element(m, ASN),
                digits(m, PROCESSING_CODE, 6),
                number(m, AMOUNT),
                element(m, STAN),
                element(m, LOCAL_TIME),
                element(m, LOCAL_DATE),
                element(m, TERMINAL_ID),
                Fields.department(m));
    }

    void writeTo(ISOMsg m) {
        set(m, ASN, asn);
        set(m, PROCESSING_CODE, processingCode);
        set(m, AMOUNT, numeric(AMOUNT, amount));
        set(m, STAN, stan);
        set(m, LOCAL_TIME, time);
        set(m, LOCAL_DATE, date);
        set(m, TERMINAL_ID, terminalId);
        set(m, DEPARTMENT, department);
    }

    /** The same load under another STAN (the reversal's own). */
    public LoadFields withStan(String otherStan) {
        return new LoadFields(asn, processingCode, amount, otherStan, time, date, terminalId, department);
    }
}
