package org.citycard.dictionary.iso8583.message;

import static org.citycard.dictionary.iso8583.message.Fields.*;

import org.jpos.iso.ISOMsg;

/** The totals of a reconciliation (fields 74, 76, 86, 88): loads are credits, purchases debits; amounts in fen. */
public record Totals(long credits, long creditAmount, long debits, long debitAmount) {
    static Totals read(ISOMsg m) {
        return new Totals(number(m, CREDITS), number(m, CREDIT_AMOUNT), number(m, DEBITS), number(m, DEBIT_AMOUNT));
    }

    /** The host's totals as the terminal reads them: an absent field is 0. */
    static Totals readLenient(ISOMsg m) {
        return new Totals(
                numberOrZero(m, CREDITS),
                numberOrZero(m, CREDIT_AMOUNT),
                numberOrZero(m, DEBITS),
                numberOrZero(m, DEBIT_AMOUNT));
    }

    void writeTo(ISOMsg m) {
        set(m, CREDITS, numeric(CREDITS, credits));
        set(m, DEBITS, numeric(DEBITS, debits));
        set(m, CREDIT_AMOUNT, numeric(CREDIT_AMOUNT, creditAmount));
        set(m, DEBIT_AMOUNT, numeric(DEBIT_AMOUNT, debitAmount));
    }
}
