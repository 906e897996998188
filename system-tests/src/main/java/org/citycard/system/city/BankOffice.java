package org.citycard.system.city;

import com.prowidesoftware.swift.model.mx.MxPain00100103;
import com.prowidesoftware.swift.model.mx.MxPain00200103;
import com.prowidesoftware.swift.model.mx.dic.ActiveOrHistoricCurrencyAndAmount;
import com.prowidesoftware.swift.model.mx.dic.AmountType3Choice;
import com.prowidesoftware.swift.model.mx.dic.CreditTransferTransactionInformation10;
import com.prowidesoftware.swift.model.mx.dic.CustomerCreditTransferInitiationV03;
import com.prowidesoftware.swift.model.mx.dic.CustomerPaymentStatusReportV03;
import com.prowidesoftware.swift.model.mx.dic.GroupHeader36;
import com.prowidesoftware.swift.model.mx.dic.OriginalGroupInformation20;
import com.prowidesoftware.swift.model.mx.dic.OriginalPaymentInformation1;
import com.prowidesoftware.swift.model.mx.dic.OriginalTransactionReference13;
import com.prowidesoftware.swift.model.mx.dic.PaymentInstructionInformation3;
import com.prowidesoftware.swift.model.mx.dic.PaymentTransactionInformation25;
import com.prowidesoftware.swift.model.mx.dic.StatusReason6Choice;
import com.prowidesoftware.swift.model.mx.dic.StatusReasonInformation8;
import com.prowidesoftware.swift.model.mx.dic.TransactionGroupStatus3Code;
import com.prowidesoftware.swift.model.mx.dic.TransactionIndividualStatus3Code;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A bank's back office, as far as the clearing centre sees it: it reads a pain.001.001.03 credit-transfer file and
 * answers with a pain.002.001.03 status report (Prowide ISO 20022), accepting every payment or rejecting one with
 * ISO reason AC04 (closed account), which the clearing centre re-queues for the next day.
 */
public final class BankOffice {
    /** ISO 20022 external status reason: the creditor account is closed. */
    public static final String CLOSED_ACCOUNT = "AC04";

    private BankOffice() {}

    /** One payment of a pain.001, as the bank reads it. */
    public record Transfer(String endToEndId, long fen) {}

    /** What a pain.001 asks of the bank. */
    public record Instruction(
            String messageId, String paymentInformationId, int count, long total, List<Transfer> transfers) {}

    /** Reads a pain.001.001.03. */
    public static Instruction read(byte[] pain001) {
        MxPain00100103 mx = MxPain00100103.parse(new String(pain001, StandardCharsets.UTF_8));
        CustomerCreditTransferInitiationV03 doc = mx.getCstmrCdtTrfInitn();
        PaymentInstructionInformation3 pmt = doc.getPmtInf().get(0);
        List<Transfer> transfers = new ArrayList<>();
        for (CreditTransferTransactionInformation10 tx : pmt.getCdtTrfTxInf()) {
            transfers.add(new Transfer(
                    tx.getPmtId().getEndToEndId(), fen(tx.getAmt().getInstdAmt().getValue())));
        }
        return new Instruction(
                doc.getGrpHdr().getMsgId(),
                pmt.getPmtInfId(),
                Integer.parseInt(doc.getGrpHdr().getNbOfTxs()),
                fen(doc.getGrpHdr().getCtrlSum()),
                transfers);
    }

    /**
     * The pain.002 answering {@code in}: every payment accepted (ACSC), or the first one rejected (RJCT, AC04) and
     * the others accepted (group status PART).
     */
    public static byte[] answer(Instruction in, String reportId, boolean rejectFirst, OffsetDateTime now) {
        OriginalGroupInformation20 group = new OriginalGroupInformation20()
                .setOrgnlMsgId(in.messageId())
                .setOrgnlMsgNmId("pain.001.001.03")
                .setOrgnlNbOfTxs(Integer.toString(in.count()))
                .setOrgnlCtrlSum(yuan(in.total()))
                .setGrpSts(rejectFirst ? TransactionGroupStatus3Code.PART : TransactionGroupStatus3Code.ACSC);
        OriginalPaymentInformation1 pmt = new OriginalPaymentInformation1()
                .setOrgnlPmtInfId(in.paymentInformationId())
                .setOrgnlNbOfTxs(Integer.toString(in.count()))
                .setOrgnlCtrlSum(yuan(in.total()));
        for (int i = 0; i < in.transfers().size(); i++) {
            Transfer t = in.transfers().get(i);
            boolean reject = rejectFirst && i == 0;
            PaymentTransactionInformation25 tx = new PaymentTransactionInformation25()
                    .setOrgnlEndToEndId(t.endToEndId())
                    .setTxSts(reject ? TransactionIndividualStatus3Code.RJCT : TransactionIndividualStatus3Code.ACSC)
                    .setOrgnlTxRef(new OriginalTransactionReference13()
                            .setAmt(new AmountType3Choice()
                                    .setInstdAmt(new ActiveOrHistoricCurrencyAndAmount()
                                            .setValue(yuan(t.fen()))
                                            .setCcy("CNY"))));
            if (reject) {
                tx.addStsRsnInf(new StatusReasonInformation8()
                        .setRsn(new StatusReason6Choice().setCd(CLOSED_ACCOUNT))
                        .addAddtlInf("creditor account closed"));
            }
            pmt.addTxInfAndSts(tx);
        }
        CustomerPaymentStatusReportV03 report = new CustomerPaymentStatusReportV03()
                .setGrpHdr(new GroupHeader36()
                        .setMsgId(reportId)
                        .setCreDtTm(now.withOffsetSameInstant(ZoneOffset.ofHours(8))))
                .setOrgnlGrpInfAndSts(group)
                .addOrgnlPmtInfAndSts(pmt);
        return new MxPain00200103().setCstmrPmtStsRpt(report).message().getBytes(StandardCharsets.UTF_8);
    }

    private static long fen(java.math.BigDecimal yuan) {
        return yuan.movePointRight(2).longValueExact();
    }

    private static java.math.BigDecimal yuan(long fen) {
        return java.math.BigDecimal.valueOf(fen, 2);
    }
}
