package org.citycard.dictionary.exchange;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/** SN: what a department is paid for a closed day, to which account, in which bank file. */
@JacksonXmlRootElement(localName = "settlement_notice")
public final class SettlementNotice extends ExchangeDocument {
    public String businessDate;
    public String departmentCode;
    public long purchaseCount;
    public long grossAmount;
    public long feeAmount;
    public long netAmount;
    public String bankCode;
    public String accountNumber;
    public String messageId;
    public String endToEndId;

    @Override
    public String type() {
        return "SN";
    }
}
