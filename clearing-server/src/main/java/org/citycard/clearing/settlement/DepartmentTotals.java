package org.citycard.clearing.settlement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.citycard.clearing.ledger.Account;
import org.citycard.clearing.ledger.LedgerQueries;
import org.citycard.clearing.ledger.PostingLine;
import org.citycard.clearing.reference.Department;
import org.springframework.stereotype.Component;

/**
 * A day's per-department settlement, frozen from the ledger: gross and count from the day's purchase postings (the
 * one source; the purchase rows must agree, or the close stops), the fee by the one rule on the day total ({@link
 * org.citycard.clearing.ledger.FeeRule}), net = gross − fee.
 */
@Component
class DepartmentTotals {
    private final LedgerQueries ledger;

    DepartmentTotals(LedgerQueries ledger) {
        this.ledger = ledger;
    }

    List<SettlementRow> freeze(String date, Map<String, Department> departments) {
        LedgerQueries.DayBook book = ledger.dayBook(date);
        String off = book.disagreement();
        if (off != null) {
            throw new IllegalStateException("day " + date + ": the purchase rows do not add up to the ledger's"
                    + " postings (" + off + "): the ledger needs a look before the day is closed");
        }
        if (book.feesPosted().values().stream().anyMatch(f -> f != 0)) {
            throw new IllegalStateException("day " + date + " already has fee income posted " + book.feesPosted()
                    + " (ingested before the one fee rule, which posts fees only at the close): close it with the"
                    + " release that ingested it");
        }
        java.util.Map<String, Long> recordFees = new java.util.HashMap<>();
        book.purchases().forEach(p -> recordFees.put(p.departmentCode(), p.recordFees()));
        List<SettlementRow> rows = new ArrayList<>();
        for (LedgerQueries.DepartmentDayTotal t : book.ledger()) {
            Department d = departments.get(t.departmentCode());
            if (d == null) {
                throw new IllegalStateException("purchases of " + date + " name department " + t.departmentCode()
                        + ", which is not registered (ingest quarantines those): the ledger needs a look");
            }
            long fee = SettlementRow.dayFee(t.gross(), d.feeRateBp());
            rows.add(new SettlementRow(
                    date,
                    d.code(),
                    t.count(),
                    t.gross(),
                    recordFees.getOrDefault(d.code(), 0L),
                    d.feeRateBp(),
                    fee,
                    t.gross() - fee));
        }
        return rows;
    }

    /** The fee of each department's day, charged once: payable → fee income. */
    static List<PostingLine> feeLines(List<SettlementRow> rows) {
        List<PostingLine> lines = new ArrayList<>();
        for (SettlementRow r : rows) {
            if (r.fee() > 0) {
                lines.add(PostingLine.debit(Account.DEPARTMENT_PAYABLE, null, r.departmentCode(), r.fee()));
                lines.add(PostingLine.credit(Account.FEE_INCOME, null, r.departmentCode(), r.fee()));
            }
        }
        return lines;
    }
}
