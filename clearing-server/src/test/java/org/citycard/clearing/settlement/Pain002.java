package org.citycard.clearing.settlement;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Writes pain.002.001.03 status reports as a bank would, for the round-trip tests. */
final class Pain002 {
    private final String reportId;
    private final String originalMsgId;
    private String groupStatus;
    private String nbOfTxs;
    private String ctrlSum;
    private String pmtInfId;
    private final List<String> transactions = new ArrayList<>();

    Pain002(String reportId, String originalMsgId) {
        this.reportId = reportId;
        this.originalMsgId = originalMsgId;
    }

    Pain002 group(String status) {
        this.groupStatus = status;
        return this;
    }

    Pain002 totals(int count, String sum) {
        this.nbOfTxs = Integer.toString(count);
        this.ctrlSum = sum;
        return this;
    }

    Pain002 paymentInformation(String id) {
        this.pmtInfId = id;
        return this;
    }

    Pain002 tx(String endToEndId, String status, String reasonCode, String amount) {
        StringBuilder sb = new StringBuilder("<TxInfAndSts><OrgnlEndToEndId>")
                .append(endToEndId)
                .append("</OrgnlEndToEndId><TxSts>")
                .append(status)
                .append("</TxSts>");
        if (reasonCode != null) {
            sb.append("<StsRsnInf><Rsn><Cd>")
                    .append(reasonCode)
                    .append("</Cd></Rsn><AddtlInf>account closed</AddtlInf></StsRsnInf>");
        }
        if (amount != null) {
            sb.append("<OrgnlTxRef><Amt><InstdAmt Ccy=\"CNY\">")
                    .append(amount)
                    .append("</InstdAmt></Amt></OrgnlTxRef>");
        }
        transactions.add(sb.append("</TxInfAndSts>").toString());
        return this;
    }

    byte[] bytes() {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.002.001.03\"><CstmrPmtStsRpt>")
                .append("<GrpHdr><MsgId>")
                .append(reportId)
                .append("</MsgId><CreDtTm>2031-01-20T09:00:00+08:00</CreDtTm></GrpHdr>")
                .append("<OrgnlGrpInfAndSts><OrgnlMsgId>")
                .append(originalMsgId)
                .append("</OrgnlMsgId><OrgnlMsgNmId>pain.001.001.03</OrgnlMsgNmId>");
        if (nbOfTxs != null) {
            sb.append("<OrgnlNbOfTxs>")
                    .append(nbOfTxs)
                    .append("</OrgnlNbOfTxs><OrgnlCtrlSum>")
                    .append(ctrlSum)
                    .append("</OrgnlCtrlSum>");
        }
        if (groupStatus != null) {
            sb.append("<GrpSts>").append(groupStatus).append("</GrpSts>");
        }
        sb.append("</OrgnlGrpInfAndSts>");
        if (pmtInfId != null) {
            sb.append("<OrgnlPmtInfAndSts><OrgnlPmtInfId>").append(pmtInfId).append("</OrgnlPmtInfId>");
            transactions.forEach(sb::append);
            sb.append("</OrgnlPmtInfAndSts>");
        }
        return sb.append("</CstmrPmtStsRpt></Document>\n").toString().getBytes(StandardCharsets.UTF_8);
    }
}
