package org.citycard.clearing.bankfile;

import com.prowidesoftware.swift.model.mx.MxPain00100103;
import com.prowidesoftware.swift.model.mx.MxWriteParams;
import com.prowidesoftware.swift.model.mx.dic.AccountIdentification4Choice;
import com.prowidesoftware.swift.model.mx.dic.ActiveOrHistoricCurrencyAndAmount;
import com.prowidesoftware.swift.model.mx.dic.AmountType3Choice;
import com.prowidesoftware.swift.model.mx.dic.BranchAndFinancialInstitutionIdentification4;
import com.prowidesoftware.swift.model.mx.dic.CashAccount16;
import com.prowidesoftware.swift.model.mx.dic.ChargeBearerType1Code;
import com.prowidesoftware.swift.model.mx.dic.ClearingSystemIdentification2Choice;
import com.prowidesoftware.swift.model.mx.dic.ClearingSystemMemberIdentification2;
import com.prowidesoftware.swift.model.mx.dic.CreditTransferTransactionInformation10;
import com.prowidesoftware.swift.model.mx.dic.CustomerCreditTransferInitiationV03;
import com.prowidesoftware.swift.model.mx.dic.FinancialInstitutionIdentification7;
import com.prowidesoftware.swift.model.mx.dic.GenericAccountIdentification1;
import com.prowidesoftware.swift.model.mx.dic.GroupHeader32;
import com.prowidesoftware.swift.model.mx.dic.PartyIdentification32;
import com.prowidesoftware.swift.model.mx.dic.PaymentIdentification1;
import com.prowidesoftware.swift.model.mx.dic.PaymentInstructionInformation3;
import com.prowidesoftware.swift.model.mx.dic.PaymentMethod3Code;
import com.prowidesoftware.swift.model.mx.dic.RemittanceInformation5;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The pain.001.001.03 credit-transfer initiation of one bank file, built with Prowide ISO 20022: one payment
 * information block debiting the clearing centre's account at the paying bank, one transaction per payment in
 * end-to-end-ID order, CNY, NbOfTxs and CtrlSum at group and payment level. The creation time is the real time of
 * the day's first close, kept with the day, and nothing else varies, so the same payments give the same bytes.
 */
public final class Pain001Builder {
    public static final String CURRENCY = "CNY";
    /** The CNAPS clearing system code (ExternalClearingSystemIdentification1Code, at most 5 characters). */
    static final String CNAPS = "CNAPS";

    private Pain001Builder() {}

    /** The XML document (UTF-8 bytes). */
    public static byte[] build(BankFile file, List<Payment> payments, OffsetDateTime created, String centreName) {
        long sum = payments.stream().mapToLong(Payment::amount).sum();
        if (payments.size() != file.txCount() || sum != file.ctrlSum()) {
            throw new IllegalStateException("file " + file.messageId() + " records " + file.txCount() + " payments of "
                    + file.ctrlSum() + " fen, its payments are " + payments.size() + " of " + sum);
        }
        GroupHeader32 header = new GroupHeader32()
                .setMsgId(file.messageId())
                .setCreDtTm(created)
                .setNbOfTxs(Integer.toString(payments.size()))
                .setCtrlSum(amount(sum))
                .setInitgPty(new PartyIdentification32().setNm(centreName));
        PaymentInstructionInformation3 info = new PaymentInstructionInformation3()
                .setPmtInfId(file.paymentInformationId())
                .setPmtMtd(PaymentMethod3Code.TRF)
                .setBtchBookg(Boolean.FALSE)
                .setNbOfTxs(Integer.toString(payments.size()))
                .setCtrlSum(amount(sum))
                .setReqdExctnDt(created.toLocalDate())
                .setDbtr(new PartyIdentification32().setNm(file.debtorName()))
                .setDbtrAcct(account(file.debtorAccount()))
                .setDbtrAgt(agent(file.bic(), file.bankCode()))
                .setChrgBr(ChargeBearerType1Code.SLEV);
        for (Payment p : payments) {
            info.addCdtTrfTxInf(new CreditTransferTransactionInformation10()
                    .setPmtId(new PaymentIdentification1()
                            .setInstrId(p.endToEndId())
                            .setEndToEndId(p.endToEndId()))
                    .setAmt(new AmountType3Choice()
                            .setInstdAmt(new ActiveOrHistoricCurrencyAndAmount()
                                    .setCcy(CURRENCY)
                                    .setValue(amount(p.amount()))))
                    .setCdtrAgt(agent(p.creditorBic(), p.creditorBank()))
                    .setCdtr(new PartyIdentification32().setNm(p.creditorName()))
                    .setCdtrAcct(account(p.creditorAccount()))
                    .setRmtInf(new RemittanceInformation5().addUstrd(remittance(p))));
        }
        MxPain00100103 mx = new MxPain00100103()
                .setCstmrCdtTrfInitn(new CustomerCreditTransferInitiationV03()
                        .setGrpHdr(header)
                        .addPmtInf(info));
        MxWriteParams params = new MxWriteParams();
        params.includeXMLDeclaration = true;
        params.prefix = null;
        params.indent = "  ";
        // Chinese names as UTF-8 characters, not numeric references; only markup characters are escaped
        params.escapeHandler = new com.prowidesoftware.swift.model.mx.MinimumEscapeHandler();
        return mx.document(params).getBytes(StandardCharsets.UTF_8);
    }

    /** Fen as a CNY amount with two decimals. */
    public static BigDecimal amount(long fen) {
        return BigDecimal.valueOf(fen, 2);
    }

    static String remittance(Payment p) {
        String text =
                switch (p.kind()) {
                    case DEPARTMENT -> "CityCard settlement " + p.businessDate() + " dept " + p.departmentCode()
                            + " count " + p.purchaseCount() + " gross " + p.gross() + " fee " + p.fee();
                    case RETRY -> "CityCard retry " + p.businessDate() + " of " + p.retryOf();
                    case REFUND -> "CityCard card refund " + p.asn();
                };
        return text.length() > 140 ? text.substring(0, 140) : text;
    }

    private static CashAccount16 account(String number) {
        return new CashAccount16()
                .setId(new AccountIdentification4Choice().setOthr(new GenericAccountIdentification1().setId(number)))
                .setCcy(CURRENCY);
    }

    private static BranchAndFinancialInstitutionIdentification4 agent(String bic, String cnaps) {
        FinancialInstitutionIdentification7 id = new FinancialInstitutionIdentification7();
        if (bic != null) {
            id.setBIC(bic);
        }
        id.setClrSysMmbId(new ClearingSystemMemberIdentification2()
                .setClrSysId(new ClearingSystemIdentification2Choice().setCd(CNAPS))
                .setMmbId(cnaps));
        return new BranchAndFinancialInstitutionIdentification4().setFinInstnId(id);
    }
}
