package org.citycard.clearing.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.citycard.clearing.ledger.Account;
import org.citycard.clearing.ledger.JournalKind;
import org.citycard.clearing.ledger.LedgerService;
import org.citycard.clearing.ledger.PostingLine;
import org.springframework.stereotype.Component;

/**
 * Posts accepted purchases: one journal per batch, debiting each card's purse float and crediting each
 * department's payable (net of fee) and the fee income, then the purchase rows that reference the journal.
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
        Map<String, Long> perCard = new LinkedHashMap<>();
        Map<String, Long> netPerDepartment = new LinkedHashMap<>();
        Map<String, Long> feePerDepartment = new LinkedHashMap<>();
        for (AcceptedPurchase p : accepted) {
            OfflineRecord r = p.record();
            perCard.merge(r.asn(), r.amount(), Long::sum);
            netPerDepartment.merge(r.departmentCode(), r.amount() - p.fee(), Long::sum);
            feePerDepartment.merge(r.departmentCode(), p.fee(), Long::sum);
        }
        List<PostingLine> lines = new ArrayList<>(perCard.size() + 2 * netPerDepartment.size());
        perCard.forEach((asn, amount) -> lines.add(PostingLine.debit(Account.PURSE_FLOAT, asn, null, amount)));
        netPerDepartment.forEach((dept, net) -> {
            if (net > 0) {
                lines.add(PostingLine.credit(Account.DEPARTMENT_PAYABLE, null, dept, net));
            }
        });
        feePerDepartment.forEach((dept, fee) -> {
            if (fee > 0) {
                lines.add(PostingLine.credit(Account.FEE_INCOME, null, dept, fee));
            }
        });
        return lines;
    }
}
