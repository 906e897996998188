package org.citycard.clearing.settlement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.citycard.clearing.bankfile.BankFileRepository;
import org.citycard.clearing.bankfile.Payment;
import org.citycard.clearing.bankfile.PaymentKind;
import org.citycard.clearing.reference.Bank;
import org.citycard.clearing.reference.Department;
import org.springframework.stereotype.Component;

/**
 * The payments a day close instructs: each department's net, one retry per department or card of the payments a
 * bank rejected (to the account registered now), and the refunds of cancelled cards that are ready.
 */
@Component
class DayPayments {
    static final String REFUND_PAYEE = "卡余额退款 Card refund";

    private final BankFileRepository bankFiles;
    private final CardSettlementService cards;

    DayPayments(BankFileRepository bankFiles, CardSettlementService cards) {
        this.bankFiles = bankFiles;
        this.cards = cards;
    }

    List<Payment> plan(
            String date, List<SettlementRow> rows, Map<String, Department> departments, Map<String, Bank> banks) {
        List<Payment> payments = new ArrayList<>();
        for (SettlementRow r : rows) {
            if (r.net() > 0) {
                payments.add(departmentPayment(date, departments.get(r.departmentCode()), banks, r));
            }
        }
        payments.addAll(retries(date, departments, banks));
        for (CardSettlement refund : cards.refundsToPay()) {
            Payment p = refundPayment(date, refund, banks);
            payments.add(p);
            cards.paidIn(refund.asn(), p.endToEndId());
        }
        return payments;
    }

    private static Payment departmentPayment(String date, Department d, Map<String, Bank> banks, SettlementRow r) {
        return new Payment(
                PaymentKind.DEPARTMENT.prefix() + date + "-" + d.code(),
                null,
                date,
                PaymentKind.DEPARTMENT,
                d.code(),
                null,
                d.name(),
                d.accountName(),
                d.accountNumber(),
                d.bankCode(),
                BankRouting.bic(banks, d.bankCode()),
                r.purchaseCount(),
                r.gross(),
                r.fee(),
                r.net(),
                Payment.SENT,
                "net of " + date,
                null,
                null);
    }

    private static Payment refundPayment(String date, CardSettlement c, Map<String, Bank> banks) {
        return new Payment(
                PaymentKind.REFUND.prefix() + date + "-" + c.asn(),
                null,
                date,
                PaymentKind.REFUND,
                Payment.NO_DEPARTMENT,
                c.asn(),
                REFUND_PAYEE,
                c.accountName(),
                c.accountNumber(),
                c.bankCode(),
                BankRouting.bic(banks, c.bankCode()),
                0,
                c.amount(),
                0,
                c.amount(),
                Payment.SENT,
                "refund of cancelled card " + c.asn(),
                null,
                null);
    }

    /**
     * Rejected payments sent again: one retry per department (to its account as registered now, so a corrected
     * account is used) or per refunded card, the amounts of its rejected payments added up.
     */
    private List<Payment> retries(String date, Map<String, Department> departments, Map<String, Bank> banks) {
        Map<String, List<Payment>> byTarget = new LinkedHashMap<>();
        for (Payment p : bankFiles.rejectedAwaitingRetry()) {
            byTarget.computeIfAbsent(p.asn() != null ? p.asn() : p.departmentCode(), k -> new ArrayList<>())
                    .add(p);
        }
        List<Payment> out = new ArrayList<>();
        for (Map.Entry<String, List<Payment>> e : byTarget.entrySet()) {
            List<Payment> rejected = e.getValue();
            Payment first = rejected.get(0);
            long amount = rejected.stream().mapToLong(Payment::amount).sum();
            String ids = rejected.stream().map(Payment::endToEndId).collect(Collectors.joining(","));
            String why = rejected.stream()
                    .map(p -> p.endToEndId() + " rejected: " + p.reason())
                    .collect(Collectors.joining("; "));
            String id = PaymentKind.RETRY.prefix() + date + "-" + e.getKey();
            Payment retry;
            if (first.asn() != null) {
                // the holder's account as given last (the issuance tool may correct it after a rejection)
                CardSettlement c = cards.find(first.asn()).orElse(null);
                boolean given = c != null && c.accountNumber() != null;
                String bank = given ? c.bankCode() : first.creditorBank();
                retry = new Payment(
                        id,
                        null,
                        date,
                        PaymentKind.RETRY,
                        Payment.NO_DEPARTMENT,
                        first.asn(),
                        REFUND_PAYEE,
                        given ? c.accountName() : first.creditorName(),
                        given ? c.accountNumber() : first.creditorAccount(),
                        bank,
                        BankRouting.bic(banks, bank),
                        0,
                        amount,
                        0,
                        amount,
                        Payment.SENT,
                        limit("retry: " + why),
                        ids,
                        null);
            } else {
                Department d = departments.get(first.departmentCode());
                retry = new Payment(
                        id,
                        null,
                        date,
                        PaymentKind.RETRY,
                        d.code(),
                        null,
                        d.name(),
                        d.accountName(),
                        d.accountNumber(),
                        d.bankCode(),
                        BankRouting.bic(banks, d.bankCode()),
                        0,
                        amount,
                        0,
                        amount,
                        Payment.SENT,
                        limit("retry: " + why),
                        ids,
                        null);
            }
            for (Payment p : rejected) {
                bankFiles.markRetried(p.endToEndId(), id);
            }
            out.add(retry);
        }
        return out;
    }

    private static String limit(String s) {
        return s.length() > 300 ? s.substring(0, 297) + "..." : s;
    }
}
