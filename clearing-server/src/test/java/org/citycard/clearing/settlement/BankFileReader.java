package org.citycard.clearing.settlement;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads the bank files without the server's code: the pain.001 with the JDK's DOM parser (and validates it against
 * the ISO 20022 schema), the detail file by the byte offsets of the layout written out here by hand.
 */
final class BankFileReader {
    static final String NS = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03";
    static final Charset GB18030 = Charset.forName("GB18030");

    private BankFileReader() {}

    /** Throws with the schema's message when the document is not valid pain.001.001.03. */
    static void validate(byte[] xml) throws Exception {
        SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        var schema = f.newSchema(BankFileReader.class.getResource("/iso20022/pain.001.001.03.xsd"));
        schema.newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
    }

    record Transaction(String endToEndId, long amountFen, String currency, String account, String creditorBankCnaps) {}

    record Pain001(
            String msgId,
            int groupNbOfTxs,
            long groupCtrlSum,
            int paymentNbOfTxs,
            long paymentCtrlSum,
            String debtorAccount,
            String debtorBic,
            String created,
            List<Transaction> transactions) {}

    static Pain001 pain001(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        Element grp = first(doc.getDocumentElement(), "GrpHdr");
        Element pmt = first(doc.getDocumentElement(), "PmtInf");
        List<Transaction> txs = new ArrayList<>();
        NodeList list = pmt.getElementsByTagNameNS(NS, "CdtTrfTxInf");
        for (int i = 0; i < list.getLength(); i++) {
            Element tx = (Element) list.item(i);
            Element amt = first(tx, "InstdAmt");
            txs.add(new Transaction(
                    text(tx, "EndToEndId"),
                    fen(amt.getTextContent()),
                    amt.getAttribute("Ccy"),
                    text(first(first(tx, "CdtrAcct"), "Othr"), "Id"),
                    text(first(tx, "CdtrAgt"), "MmbId")));
        }
        return new Pain001(
                text(grp, "MsgId"),
                Integer.parseInt(text(grp, "NbOfTxs")),
                fen(text(grp, "CtrlSum")),
                Integer.parseInt(text(pmt, "NbOfTxs")),
                fen(text(pmt, "CtrlSum")),
                text(first(first(pmt, "DbtrAcct"), "Othr"), "Id"),
                text(first(pmt, "DbtrAgt"), "BIC"),
                text(grp, "CreDtTm"),
                txs);
    }

    record DetailLine(
            int sequence,
            String department,
            String account,
            String bank,
            long count,
            long gross,
            long fee,
            long net,
            String endToEndId) {}

    record Detail(
            String businessDate,
            String bankCode,
            String msgId,
            String created,
            List<DetailLine> lines,
            long trailerCount,
            long trailerTotal,
            String trailerHash,
            String computedHash) {}

    /** Header 1+8+8+12+12+35+14+210, detail 1+8+4+60+32+60+12+10+15+15+15+3+35+30, trailer 1+10+18+64+207. */
    static Detail detail(byte[] file) throws Exception {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < file.length; i++) {
            if (file[i] == '\n') {
                lines.add(java.util.Arrays.copyOfRange(file, start, i));
                start = i + 1;
            }
        }
        if (start != file.length) {
            throw new IllegalArgumentException("the file does not end with a line end");
        }
        for (byte[] l : lines) {
            if (l.length != 300) {
                throw new IllegalArgumentException("a line of " + l.length + " bytes, not 300");
            }
        }
        byte[] h = lines.get(0);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        List<DetailLine> details = new ArrayList<>();
        for (byte[] d : lines.subList(1, lines.size() - 1)) {
            if (d[0] != 'D') {
                throw new IllegalArgumentException("detail line starts with " + (char) d[0]);
            }
            sha.update(d);
            sha.update((byte) '\n');
            details.add(new DetailLine(
                    Integer.parseInt(s(d, 1, 8)),
                    s(d, 9, 4),
                    s(d, 73, 32).strip(),
                    s(d, 165, 12),
                    Long.parseLong(s(d, 177, 10)),
                    Long.parseLong(s(d, 187, 15)),
                    Long.parseLong(s(d, 202, 15)),
                    Long.parseLong(s(d, 217, 15)),
                    s(d, 235, 35).strip()));
        }
        byte[] t = lines.get(lines.size() - 1);
        return new Detail(
                s(h, 9, 8),
                s(h, 17, 12),
                s(h, 41, 35).strip(),
                s(h, 76, 14),
                details,
                Long.parseLong(s(t, 1, 10)),
                Long.parseLong(s(t, 11, 18)),
                s(t, 29, 64),
                HexFormat.of().withUpperCase().formatHex(sha.digest()));
    }

    static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    private static String s(byte[] line, int offset, int length) {
        return new String(line, offset, length, GB18030);
    }

    private static long fen(String decimal) {
        return new BigDecimal(decimal).movePointRight(2).longValueExact();
    }

    private static Element first(Element parent, String name) {
        NodeList l = parent.getElementsByTagNameNS(NS, name);
        if (l.getLength() == 0) {
            throw new IllegalArgumentException("no " + name + " in " + parent.getLocalName());
        }
        return (Element) l.item(0);
    }

    private static String text(Element parent, String name) {
        return first(parent, name).getTextContent();
    }
}
