package org.citycard.clearing.ledger;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Balances and totals derived from the postings: per account, per card (the card's purse-float postings less its
 * purchases, the detail of the batch journals), per department and business day. Day close reads its figures here.
 */
@Service
public class LedgerQueries {
    private final JdbcClient jdbc;

    public LedgerQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Debit and credit totals of every account (and department, for payables and fees). */
    public List<AccountBalance> accountBalances() {
        return jdbc.sql("SELECT account, department_code, SUM(debit) AS d, SUM(credit) AS c FROM posting"
                        + " GROUP BY account, department_code ORDER BY account, department_code")
                .query((rs, i) -> {
                    Account a = Account.valueOf(rs.getString("account"));
                    long d = rs.getLong("d");
                    long c = rs.getLong("c");
                    return new AccountBalance(a, rs.getString("department_code"), d, c, a.balance(d, c));
                })
                .list();
    }

    /** Totals over the whole ledger and the number of journals whose lines do not balance (always 0). */
    public TrialBalance trialBalance() {
        long[] totals = jdbc.sql("SELECT COALESCE(SUM(debit), 0) AS d, COALESCE(SUM(credit), 0) AS c, COUNT(*) AS n"
                        + " FROM posting")
                .query((rs, i) -> new long[] {rs.getLong("d"), rs.getLong("c"), rs.getLong("n")})
                .single();
        long journals =
                jdbc.sql("SELECT COUNT(*) FROM journal").query(Long.class).single();
        long unbalanced = jdbc.sql("SELECT COUNT(*) FROM (SELECT journal_id FROM posting GROUP BY journal_id"
                        + " HAVING SUM(debit) <> SUM(credit)) u")
                .query(Long.class)
                .single();
        // a card's float: its purse-float postings (loads, refunds, moves) less its purchases (the card detail of
        // the batch journals' purse-float debits)
        long negativeCards = jdbc.sql("SELECT COUNT(*) FROM (SELECT asn FROM (SELECT asn, credit - debit AS x"
                        + " FROM posting WHERE account = ? AND asn IS NOT NULL UNION ALL SELECT asn, 0 - amount AS x"
                        + " FROM purchase) f GROUP BY asn HAVING SUM(x) < 0) n")
                .param(Account.PURSE_FLOAT.name())
                .query(Long.class)
                .single();
        // every purse-float line without a card must be exactly the sum of the purchases referencing its journal
        long unmatched = jdbc.sql("SELECT COUNT(*) FROM (SELECT journal_id FROM (SELECT journal_id, debit - credit AS x"
                        + " FROM posting WHERE account = ? AND asn IS NULL UNION ALL SELECT journal_id, 0 - amount AS x"
                        + " FROM purchase) d GROUP BY journal_id HAVING SUM(x) <> 0) m")
                .param(Account.PURSE_FLOAT.name())
                .query(Long.class)
                .single();
        return new TrialBalance(totals[0], totals[1], journals, totals[2], unbalanced, negativeCards, unmatched);
    }

    /**
     * The card's purse float: its purse-float postings (loads completed, refunds, balance moves) less its accepted
     * purchases (the card detail of the purchase journals, which post the purse float once per batch).
     */
    public long cardFloat(String asn) {
        long postings = jdbc.sql("SELECT COALESCE(SUM(credit), 0) - COALESCE(SUM(debit), 0) FROM posting"
                        + " WHERE account = ? AND asn = ?")
                .params(Account.PURSE_FLOAT.name(), asn)
                .query(Long.class)
                .single();
        long purchases = jdbc.sql("SELECT COALESCE(SUM(amount), 0) FROM purchase WHERE asn = ?")
                .param(asn)
                .query(Long.class)
                .single();
        return postings - purchases;
    }

    /**
     * Per department, the accepted purchases of a business day: count, gross, fee and net (gross − fee), from the
     * purchase sub-ledger; {@link #departmentPostings} gives the same day from the postings for cross-checks.
     */
    public List<DepartmentDayTotal> departmentDayTotals(String businessDate) {
        return jdbc.sql("SELECT department_code, COUNT(*) AS n, SUM(amount) AS gross, SUM(fee) AS fee FROM purchase"
                        + " WHERE business_date = ? GROUP BY department_code ORDER BY department_code")
                .param(businessDate)
                .query((rs, i) -> new DepartmentDayTotal(
                        businessDate,
                        rs.getString("department_code"),
                        rs.getLong("n"),
                        rs.getLong("gross"),
                        rs.getLong("fee"),
                        rs.getLong("gross") - rs.getLong("fee")))
                .list();
    }

    /** Per department, payable and fee credits posted on a business day. */
    public List<DepartmentPosting> departmentPostings(String businessDate) {
        return jdbc.sql("SELECT department_code, account, SUM(credit) - SUM(debit) AS amount FROM posting"
                        + " WHERE business_date = ? AND account IN (?, ?) GROUP BY department_code, account"
                        + " ORDER BY department_code, account")
                .params(businessDate, Account.DEPARTMENT_PAYABLE.name(), Account.FEE_INCOME.name())
                .query((rs, i) -> new DepartmentPosting(
                        rs.getString("department_code"),
                        Account.valueOf(rs.getString("account")),
                        rs.getLong("amount")))
                .list();
    }

    /** Completed loads of a business day per department of the loading terminal. */
    public List<LoadDayTotal> loadDayTotals(String businessDate) {
        return jdbc.sql("SELECT department_code, COUNT(*) AS n, SUM(amount) AS total FROM load_txn"
                        + " WHERE business_date = ? AND status = 'COMPLETED' GROUP BY department_code"
                        + " ORDER BY department_code")
                .param(businessDate)
                .query((rs, i) -> new LoadDayTotal(
                        businessDate, rs.getString("department_code"), rs.getLong("n"), rs.getLong("total")))
                .list();
    }

    public record AccountBalance(Account account, String departmentCode, long debits, long credits, long balance) {}

    /**
     * @param unbalancedJournals journals whose debits differ from their credits (must be 0)
     * @param cardsWithNegativeFloat cards whose purse float is below zero (must be 0)
     * @param purchaseJournalsUnmatched journals whose purse-float debit without a card differs from the sum of the
     *     purchases that reference them (must be 0: every accepted purchase is posted, once, in its journal)
     */
    public record TrialBalance(
            long debits,
            long credits,
            long journals,
            long postings,
            long unbalancedJournals,
            long cardsWithNegativeFloat,
            long purchaseJournalsUnmatched) {
        public boolean balanced() {
            return debits == credits && unbalancedJournals == 0 && purchaseJournalsUnmatched == 0;
        }
    }

    public record DepartmentDayTotal(
            String businessDate, String departmentCode, long count, long gross, long fee, long net) {}

    public record DepartmentPosting(String departmentCode, Account account, long amount) {}

    public record LoadDayTotal(String businessDate, String departmentCode, long count, long amount) {}
}
