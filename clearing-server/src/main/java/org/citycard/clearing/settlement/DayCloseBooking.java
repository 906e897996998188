package org.citycard.clearing.settlement;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.citycard.clearing.bankfile.Payment;
import org.citycard.clearing.ledger.JournalKind;
import org.citycard.clearing.ledger.LedgerService;
import org.citycard.clearing.ledger.PostingLine;
import org.citycard.clearing.reference.Bank;
import org.citycard.clearing.reference.Department;
import org.citycard.clearing.reference.ReferenceService;
import org.citycard.clearing.support.BusinessCalendar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The booking of a day close, in the caller's one transaction, in order: the day's per-department totals frozen
 * from the ledger ({@link DepartmentTotals}), the payments ({@link DayPayments}) routed to the paying banks ({@link
 * BankRouting}) into bank-file rows ({@link BankFileBooking}), one settlement journal (each department's day fee,
 * then payables → settlement in transit) and the closed-day row.
 */
@Component
class DayCloseBooking {
    private final DepartmentTotals totals;
    private final DayPayments payments;
    private final BankRouting routing;
    private final BankFileBooking files;
    private final LedgerService ledger;
    private final ReferenceService reference;
    private final SettlementRepository settlements;
    private final BusinessCalendar calendar;
    private final Clock clock;

    DayCloseBooking(
            DepartmentTotals totals,
            DayPayments payments,
            BankRouting routing,
            BankFileBooking files,
            LedgerService ledger,
            ReferenceService reference,
            SettlementRepository settlements,
            BusinessCalendar calendar,
            Clock clock) {
        this.totals = totals;
        this.payments = payments;
        this.routing = routing;
        this.files = files;
        this.ledger = ledger;
        this.reference = reference;
        this.settlements = settlements;
        this.calendar = calendar;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    ClosedDay book(String date, String closedBy) {
        Instant now = clock.instant();
        Map<String, Department> departments =
                reference.departments().stream().collect(Collectors.toMap(Department::code, Function.identity()));
        Map<String, Bank> banks = new TreeMap<>(
                reference.banks().stream().collect(Collectors.toMap(Bank::bankCode, Function.identity())));

        List<SettlementRow> rows = totals.freeze(date, departments);
        settlements.insert(rows);
        List<Payment> paid = payments.plan(date, rows, departments, banks);
        List<PostingLine> journalLines = new ArrayList<>(DepartmentTotals.feeLines(rows));
        journalLines.addAll(files.book(date, routing.route(date, paid, banks), banks, now));
        Long journal = journalLines.isEmpty()
                ? null
                : ledger.post(JournalKind.SETTLEMENT, date, "close " + date, null, journalLines);

        ClosedDay day = new ClosedDay(
                date,
                ClosedDay.CLOSED,
                calendar.filesCreatedNow().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                rows.stream().mapToLong(SettlementRow::purchaseCount).sum(),
                rows.stream().mapToLong(SettlementRow::gross).sum(),
                rows.stream().mapToLong(SettlementRow::fee).sum(),
                rows.stream().mapToLong(SettlementRow::net).sum(),
                paid.size(),
                paid.stream().mapToLong(Payment::amount).sum(),
                journal,
                closedBy,
                now);
        settlements.insert(day);
        return day;
    }
}
