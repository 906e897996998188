package org.citycard.dictionary.exchange;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.ArrayList;
import java.util.List;

/**
 * RS: a department's daily reconciliation statement (对账单) after the day close: every settled purchase with its
 * TAC, and the totals of the day's settlement (count, gross, fee at the department's rate, net).
 */
@JacksonXmlRootElement(localName = "reconciliation_statement")
public final class ReconciliationStatement extends ExchangeDocument {
    public String businessDate;
    public String departmentCode;
    public String departmentName;
    public long purchaseCount;
    public long grossAmount;
    /** Four digits, basis points. */
    public String feeRateBp;

    public long feeAmount;
    public long netAmount;

    @JacksonXmlElementWrapper(localName = "purchases")
    @JacksonXmlProperty(localName = "purchase")
    public List<Purchase> purchases = new ArrayList<>();

    public static class Purchase {
        public String asn;
        /** Hex, 2 bytes. */
        public String offlineSeq;

        public String terminalId;
        /** Hex, 4 bytes. */
        public String ttsn;

        public String transactionDate;
        public String transactionTime;
        public long amount;
        /** Hex, 4 bytes. */
        public String tac;
        /** Hex, 1 byte. */
        public String keyVersion;
        /** Hex, 1 byte (table algorithm). */
        public String algorithmId;

        public String payeeReference;
    }

    public List<Purchase> purchases() {
        return orEmpty(purchases);
    }

    @Override
    public String type() {
        return "RS";
    }
}
