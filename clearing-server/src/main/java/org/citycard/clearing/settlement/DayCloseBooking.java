package org.citycard.clearing.settlement;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.citycard.clearing.bankfile.BankFile;
import org.citycard.clearing.bankfile.BankFileRepository;
import org.citycard.clearing.bankfile.BankFileWriter;
import org.citycard.clearing.bankfile.Payment;
import org.citycard.clearing.bankfile.PaymentKind;
import org.citycard.clearing.config.CityCardProperties;
import org.citycard.clearing.ledger.Account;
import org.citycard.clearing.ledger.JournalKind;
import org.citycard.clearing.ledger.LedgerQueries;
import org.citycard.clearing.ledger.LedgerService;
import org.citycard.clearing.ledger.PostingLine;
import org.citycard.clearing.reference.Bank;
import org.citycard.clearing.reference.Department;
import org.citycard.clearing.reference.ReferenceService;
import org.citycard.clearing.support.BusinessCalendar;
import org.citycard.clearing.support.ConflictException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The booking of a day close, in the caller's one transaction: the day's per-department totals frozen with the fee
 * on each department total (half up, fen), the fee true-up against the record-by-record fees ingest posted, the
 * payments (each department's net, retries of rejected payments, refunds of cancelled cards) routed to the paying
 * banks, the bank file rows, the settlement journal (payables → settlement in transit) and the closed-day row.
 */
@Component
class DayCloseBooking {
    static final String REFUND_PAYEE = "卡余额退款 Card refund";

    private final LedgerQueries ledgerQueries;
    private final LedgerService ledger;
    private final ReferenceService reference;
    private final SettlementRepository settlements;
    private final BankFileRepository bankFiles;
    private final CardSettlementService cards;
    private final BusinessCalendar calendar;
    private final CityCardProperties properties;
    private final Clock clock;

    DayCloseBooking(
            LedgerQueries ledgerQueries,
            LedgerService ledger,
            ReferenceService reference,
            SettlementRepository settlements,
            BankFileRepository bankFiles,
            CardSettlementService cards,
            BusinessCalendar calendar,
            CityCardProperties properties,
            Clock clock) {
        this.ledgerQueries = ledgerQueries;
        this.ledger = ledger;
        this.reference = reference;
        this.settlements = settlements;
        this.bankFiles = bankFiles;
        this.cards = cards;
        this.calendar = calendar;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    ClosedDay book(String date, String closedBy) {
        Instant now = clock.instant();
        Map<String, Department> departments =
                reference.departments().stream().collect(Collectors.toMap(Department::code, Function.identity()));
        Map<String, Bank> banks = new TreeMap<>(
                reference.banks().stream().collect(Collectors.toMap(Bank::bankCode, Function.identity())));

        List<SettlementRow> rows = new ArrayList<>();
        List<PostingLine> adjustments = new ArrayList<>();
        for (LedgerQueries.DepartmentDayTotal t : ledgerQueries.departmentDayTotals(date)) {
            Department d = departments.get(t.departmentCode());
            if (d == null) {
                throw new IllegalStateException("purchases of " + date + " name department " + t.departmentCode()
                        + ", which is not registered (ingest quarantines those): the ledger needs a look");
            }
            long fee = SettlementRow.dayFee(t.gross(), d.feeRateBp());
            rows.add(new SettlementRow(
                    date, d.code(), t.count(), t.gross(), t.fee(), d.feeRateBp(), fee, t.gross() - fee));
            long adjust = fee - t.fee();
            if (adjust > 0) {
                adjustments.add(PostingLine.debit(Account.DEPARTMENT_PAYABLE, null, d.code(), adjust));
                adjustments.add(PostingLine.credit(Account.FEE_INCOME, null, d.code(), adjust));
            } else if (adjust < 0) {
                adjustments.add(PostingLine.debit(Account.FEE_INCOME, null, d.code(), -adjust));
                adjustments.add(PostingLine.credit(Account.DEPARTMENT_PAYABLE, null, d.code(), -adjust));
            }
        }
        if (!adjustments.isEmpty()) {
            ledger.post(JournalKind.FEE_ADJUSTMENT, date, "close " + date + " fees", null, adjustments);
        }
        settlements.insert(rows);

        List<Payment> payments = new ArrayList<>();
        for (SettlementRow r : rows) {
            if (r.net() > 0) {
                Department d = departments.get(r.departmentCode());
                payments.add(departmentPayment(date, d, banks, r));
            }
        }
        payments.addAll(retries(date, departments, banks));
        for (CardSettlement refund : cards.refundsToPay()) {
            Payment p = refundPayment(date, refund, banks);
            payments.add(p);
            cards.paidIn(refund.asn(), p.endToEndId());
        }

        Map<String, List<Payment>> byBank = route(date, payments, banks);
        List<PostingLine> settlement = new ArrayList<>();
        for (Map.Entry<String, List<Payment>> e : byBank.entrySet()) {
            Bank bank = banks.get(e.getKey());
            String messageId = BankFile.messageIdOf(date, bank.bankCode());
            List<Payment> inFile = e.getValue().stream()
                    .map(p -> withMessage(p, messageId))
                    .sorted(java.util.Comparator.comparing(Payment::endToEndId))
                    .toList();
            long sum = inFile.stream().mapToLong(Payment::amount).sum();
            bankFiles.insert(new BankFile(
                    messageId,
                    date,
                    bank.bankCode(),
                    bank.name(),
                    bank.bic(),
                    bank.settlementAccount(),
                    bank.settlementAccountName(),
                    inFile.size(),
                    sum,
                    BankFile.SENT,
                    BankFileWriter.folderOf(date, bank.bankCode()),
                    null,
                    now,
                    null));
            bankFiles.insert(inFile);
            for (Payment p : inFile) {
                settlement.addAll(settlementLines(p));
            }
        }
        Long journal = settlement.isEmpty()
                ? null
                : ledger.post(JournalKind.SETTLEMENT, date, "close " + date, null, settlement);

        ClosedDay day = new ClosedDay(
                date,
                ClosedDay.CLOSED,
                calendar.filesCreatedNow().format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                rows.stream().mapToLong(SettlementRow::purchaseCount).sum(),
                rows.stream().mapToLong(SettlementRow::gross).sum(),
                rows.stream().mapToLong(SettlementRow::fee).sum(),
                rows.stream().mapToLong(SettlementRow::net).sum(),
                payments.size(),
                payments.stream().mapToLong(Payment::amount).sum(),
                journal,
                closedBy,
                now);
        settlements.insert(day);
        return day;
    }

    /** Payable → in transit, per department (department payments and their retries) or per card (refunds). */
    static List<PostingLine> settlementLines(Payment p) {
        if (p.asn() != null) {
            return List.of(
                    PostingLine.debit(Account.REFUND_PAYABLE, p.asn(), null, p.amount()),
                    PostingLine.credit(Account.SETTLEMENT_IN_TRANSIT, p.asn(), null, p.amount()));
        }
        return List.of(
                PostingLine.debit(Account.DEPARTMENT_PAYABLE, null, p.departmentCode(), p.amount()),
                PostingLine.credit(Account.SETTLEMENT_IN_TRANSIT, null, p.departmentCode(), p.amount()));
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
                bic(banks, d.bankCode()),
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
                bic(banks, c.bankCode()),
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
                        bic(banks, bank),
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
                        bic(banks, d.bankCode()),
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

    /** Paying bank per payment: the creditor's own bank when the centre pays through it, else the default bank. */
    private Map<String, List<Payment>> route(String date, List<Payment> payments, Map<String, Bank> banks) {
        Map<String, List<Payment>> byBank = new TreeMap<>();
        if (payments.isEmpty()) {
            return byBank;
        }
        if (banks.isEmpty()) {
            throw new ConflictException("day " + date + " has " + payments.size() + " payments but the bank table is"
                    + " empty: add the banks the clearing centre pays through (POST /api/v1/banks), then close again");
        }
        String fallback = properties.settlement().defaultBank();
        if (fallback == null || fallback.isBlank()) {
            fallback = banks.keySet().iterator().next();
        } else if (!banks.containsKey(fallback)) {
            throw new ConflictException("citycard.settlement.default-bank " + fallback + " is not in the bank table;"
                    + " add it or change the setting");
        }
        for (Payment p : payments) {
            String payer = banks.containsKey(p.creditorBank()) ? p.creditorBank() : fallback;
            byBank.computeIfAbsent(payer, k -> new ArrayList<>()).add(p);
        }
        return byBank;
    }

    private static String bic(Map<String, Bank> banks, String bankCode) {
        Bank b = banks.get(bankCode);
        return b == null ? null : b.bic();
    }

    private static String limit(String s) {
        return s.length() > 300 ? s.substring(0, 297) + "..." : s;
    }

    private static Payment withMessage(Payment p, String messageId) {
        return new Payment(
                p.endToEndId(),
                messageId,
                p.businessDate(),
                p.kind(),
                p.departmentCode(),
                p.asn(),
                p.payeeName(),
                p.creditorName(),
                p.creditorAccount(),
                p.creditorBank(),
                p.creditorBic(),
                p.purchaseCount(),
                p.gross(),
                p.fee(),
                p.amount(),
                p.status(),
                p.reason(),
                p.retryOf(),
                p.retriedBy());
    }
}
