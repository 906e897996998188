package org.citycard.clearing.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.citycard.clearing.ledger.Account;
import org.citycard.clearing.ledger.JournalKind;
import org.citycard.clearing.ledger.LedgerService;
import org.citycard.clearing.ledger.PostingLine;
import org.citycard.dictionary.record.OfflineRecord;
import org.springframework.stereotype.Component;

/**
 * Posts accepted purchases: one journal per batch with its postings aggregated — one purse-float debit for the
 * batch's total (no card on the line) and per department a payable credit of its gross. No fee is posted here: the
 * fee is charged once on each department's day total by the day close ({@link
 * org.citycard.clearing.ledger.FeeRule}). The purchase rows, each referencing the journal, are the purse float's
 * card detail: a card's float is its purse-float postings (loads, refunds, moves) less its purchases, and a
 * journal's purse-float debit equals the sum of the purchases that reference it ({@link
 * org.citycard.clearing.ledger.LedgerQueries#trialBalance}).
 */
@Component
public class PurchasePosting {
    private final LedgerService ledger;
    private final PurchaseRepository purchases;

    public PurchasePosting(LedgerService ledger, PurchaseRepository purchases) {
        this.ledger = ledger;
        this.purchases = purchases;
    }

    /** Posts and stores the purchases; returns the journal id, or 0 when there is nothing to post. */
    public long post(
            JournalKind kind,
            List<AcceptedPurchase> accepted,
            String businessDate,
            String sourceRef,
            String terminal,
            Instant now) {
        if (accepted.isEmpty()) {
            return 0;
        }
        long journal = ledger.post(kind, businessDate, sourceRef, terminal, lines(accepted));
        purchases.insert(accepted, journal, businessDate, now);
        return journal;
    }

    static List<PostingLine> lines(List<AcceptedPurchase> accepted) {
        long total = 0;
        Map<String, Long> grossPerDepartment = new TreeMap<>();
        for (AcceptedPurchase p : accepted) {
            OfflineRecord r = p.record();
            total = Math.addExact(total, r.amount());
            grossPerDepartment.merge(r.departmentCode(), r.amount(), Math::addExact);
        }
        List<PostingLine> lines = new ArrayList<>(1 + grossPerDepartment.size());
        lines.add(PostingLine.debit(Account.PURSE_FLOAT, null, null, total));
        grossPerDepartment.forEach(
                (dept, gross) -> lines.add(PostingLine.credit(Account.DEPARTMENT_PAYABLE, null, dept, gross)));
        return lines;
    }
}
