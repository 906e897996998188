package org.citycard.clearing.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.citycard.clearing.ledger.LedgerQueries;
import org.citycard.clearing.reference.Card;
import org.citycard.clearing.reference.CardAccount;
import org.citycard.clearing.reference.HotlistService;
import org.citycard.clearing.reference.ReferenceService;
import org.citycard.clearing.support.Checks;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Balances from the ledger: trial balance, per account, per card (shadow account), per department and day. */
@RestController
@Tag(name = "Ledger", description = "balances and totals derived from the postings")
class LedgerController {
    private final LedgerQueries ledger;
    private final ReferenceService reference;
    private final HotlistService hotlist;

    LedgerController(LedgerQueries ledger, ReferenceService reference, HotlistService hotlist) {
        this.ledger = ledger;
        this.reference = reference;
        this.hotlist = hotlist;
    }

    @GetMapping("/api/v1/ledger/trial-balance")
    @Operation(summary = "Total debits and credits, unbalanced journals and cards with a negative float (both 0)")
    LedgerQueries.TrialBalance trialBalance() {
        return ledger.trialBalance();
    }

    @GetMapping("/api/v1/ledger/balances")
    List<LedgerQueries.AccountBalance> balances() {
        return ledger.accountBalances();
    }

    record DayTotals(
            String businessDate,
            List<LedgerQueries.DepartmentDayTotal> purchases,
            List<LedgerQueries.DepartmentPosting> postings,
            List<LedgerQueries.LoadDayTotal> loads) {}

    @GetMapping("/api/v1/days/{date}/totals")
    @Operation(
            summary = "Per department: count, gross, fee and net of the accepted purchases of a business day,"
                    + " the postings of that day, and the completed loads")
    DayTotals dayTotals(@PathVariable String date) {
        Checks.element("date", "business_date", date);
        return new DayTotals(
                date, ledger.departmentDayTotals(date), ledger.departmentPostings(date), ledger.loadDayTotals(date));
    }

    /**
     * The card's shadow account.
     *
     * @param floatBalance the purse float of the card in the ledger (loads completed − purchases accepted)
     * @param chainBalance the card's balance after its last accepted purchase and the loads placed before it
     */
    record ShadowAccount(
            String asn,
            String state,
            boolean hotlisted,
            long floatBalance,
            long chainBalance,
            int nextOfflineSeq,
            int chainOnlineSeq,
            long purchaseCount,
            int heldRecords,
            int pendingLoads) {}

    @GetMapping("/api/v1/cards/{asn}/account")
    @Operation(summary = "The card's shadow account: ledger float, counters and balance chain")
    ShadowAccount account(@PathVariable String asn) {
        Checks.element("asn", "asn", asn);
        Card card = reference.card(asn);
        CardAccount a = reference.account(asn);
        return new ShadowAccount(
                asn,
                card.state(),
                hotlist.find(asn).isPresent(),
                ledger.cardFloat(asn),
                a.chainBalance(),
                a.nextOfflineSeq(),
                a.chainOnlineSeq(),
                a.purchaseCount(),
                a.held(),
                a.pendingLoads());
    }
}
