package org.citycard.clearing.bankfile;

import com.prowidesoftware.swift.model.mx.MxPain00200103;
import com.prowidesoftware.swift.model.mx.dic.ActiveOrHistoricCurrencyAndAmount;
import com.prowidesoftware.swift.model.mx.dic.CustomerPaymentStatusReportV03;
import com.prowidesoftware.swift.model.mx.dic.OriginalGroupInformation20;
import com.prowidesoftware.swift.model.mx.dic.OriginalPaymentInformation1;
import com.prowidesoftware.swift.model.mx.dic.PaymentTransactionInformation25;
import com.prowidesoftware.swift.model.mx.dic.StatusReasonInformation8;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;

/**
 * Reads a pain.002.001.03 with Prowide ISO 20022, after the JDK's parser (no DTDs, no external entities) has checked
 * that it is well-formed XML whose root is the pain.002.001.03 Document. Every refusal says what is wrong.
 */
public final class StatusReportParser {
    public static final String NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:pain.002.001.03";

    private StatusReportParser() {}

    public static StatusReport parse(byte[] xml) {
        if (xml == null || xml.length == 0) {
            throw new BankStatusException("the status report is empty");
        }
        Element root = root(xml);
        if (!"Document".equals(root.getLocalName()) || !NAMESPACE.equals(root.getNamespaceURI())) {
            throw new BankStatusException("not a pain.002.001.03 status report: the root element is {"
                    + root.getNamespaceURI() + "}" + root.getLocalName() + ", expected {" + NAMESPACE + "}Document");
        }
        MxPain00200103 mx;
        try {
            mx = MxPain00200103.parse(new String(xml, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new BankStatusException("the pain.002 cannot be read: " + e.getMessage());
        }
        CustomerPaymentStatusReportV03 report = mx == null ? null : mx.getCstmrPmtStsRpt();
        if (report == null
                || report.getGrpHdr() == null
                || blank(report.getGrpHdr().getMsgId())) {
            throw new BankStatusException("the pain.002 has no CstmrPmtStsRpt/GrpHdr/MsgId");
        }
        OriginalGroupInformation20 group = report.getOrgnlGrpInfAndSts();
        if (group == null || blank(group.getOrgnlMsgId())) {
            throw new BankStatusException("the pain.002 " + report.getGrpHdr().getMsgId()
                    + " has no OrgnlGrpInfAndSts/OrgnlMsgId: which file it reports on is unknown");
        }
        List<StatusReport.PaymentInformation> infos = new ArrayList<>();
        for (OriginalPaymentInformation1 p : report.getOrgnlPmtInfAndSts()) {
            List<StatusReport.TransactionStatus> txs = new ArrayList<>();
            for (PaymentTransactionInformation25 t : p.getTxInfAndSts()) {
                if (blank(t.getOrgnlEndToEndId())) {
                    throw new BankStatusException(
                            "a TxInfAndSts of " + p.getOrgnlPmtInfId() + " has no OrgnlEndToEndId");
                }
                ActiveOrHistoricCurrencyAndAmount amt =
                        t.getOrgnlTxRef() == null || t.getOrgnlTxRef().getAmt() == null
                                ? null
                                : t.getOrgnlTxRef().getAmt().getInstdAmt();
                txs.add(new StatusReport.TransactionStatus(
                        t.getOrgnlEndToEndId(),
                        t.getTxSts() == null ? null : t.getTxSts().value(),
                        reason(t.getStsRsnInf()),
                        amt == null ? null : fen(amt.getValue(), "InstdAmt of " + t.getOrgnlEndToEndId()),
                        amt == null ? null : amt.getCcy()));
            }
            infos.add(new StatusReport.PaymentInformation(
                    p.getOrgnlPmtInfId(),
                    count(p.getOrgnlNbOfTxs(), "OrgnlNbOfTxs of " + p.getOrgnlPmtInfId()),
                    p.getOrgnlCtrlSum() == null
                            ? null
                            : fen(p.getOrgnlCtrlSum(), "OrgnlCtrlSum of " + p.getOrgnlPmtInfId()),
                    p.getPmtInfSts() == null ? null : p.getPmtInfSts().value(),
                    reason(p.getStsRsnInf()),
                    txs));
        }
        return new StatusReport(
                report.getGrpHdr().getMsgId(),
                group.getOrgnlMsgId(),
                group.getOrgnlMsgNmId(),
                count(group.getOrgnlNbOfTxs(), "OrgnlNbOfTxs"),
                group.getOrgnlCtrlSum() == null ? null : fen(group.getOrgnlCtrlSum(), "OrgnlCtrlSum"),
                group.getGrpSts() == null ? null : group.getGrpSts().value(),
                reason(group.getStsRsnInf()),
                infos);
    }

    private static Element root(byte[] xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setExpandEntityReferences(false);
            var builder = f.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(xml)).getDocumentElement();
        } catch (Exception e) {
            throw new BankStatusException("the status report is not well-formed XML: " + e.getMessage());
        }
    }

    private static String reason(List<StatusReasonInformation8> infos) {
        if (infos == null || infos.isEmpty()) {
            return null;
        }
        StatusReasonInformation8 i = infos.get(0);
        StringBuilder sb = new StringBuilder();
        if (i.getRsn() != null) {
            sb.append(
                    i.getRsn().getCd() != null ? i.getRsn().getCd() : i.getRsn().getPrtry());
        }
        for (String s : i.getAddtlInf()) {
            sb.append(sb.length() > 0 ? " " : "").append(s);
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    private static Integer count(String value, String what) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new BankStatusException(what + " '" + value + "' is not a number");
        }
    }

    private static long fen(BigDecimal value, String what) {
        try {
            return value.movePointRight(2).longValueExact();
        } catch (ArithmeticException e) {
            throw new BankStatusException(what + " " + value + " is not an amount in whole fen");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
