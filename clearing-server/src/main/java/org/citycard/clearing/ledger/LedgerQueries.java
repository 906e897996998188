package org.citycard.clearing.ledger;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Balances and totals derived from the postings: per account, per card (the purse-float sub-ledger), per department
 * and business day. Day close reads its figures here.
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
        long negativeCards = jdbc.sql("SELECT COUNT(*) FROM (SELECT asn FROM posting WHERE account = ?"
                        + " GROUP BY asn HAVING SUM(credit) - SUM(debit) < 0) n")
                .param(Account.PURSE_FLOAT.name())
                .query(Long.class)
                .single();
        return new TrialBalance(totals[0], totals[1], journals, totals[2], unbalanced, negativeCards);
    }

    /** The card's purse float: loads completed minus purchases accepted, from the postings. */
    public long cardFloat(String asn) {
        return jdbc.sql("SELECT COALESCE(SUM(credit), 0) - COALESCE(SUM(debit), 0) FROM posting"
                        + " WHERE account = ? AND asn = ?")
                .params(Account.PURSE_FLOAT.name(), asn)
                .query(Long.class)
                .single();
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
     */
    public record TrialBalance(
            long debits,
            long credits,
            long journals,
            long postings,
            long unbalancedJournals,
            long cardsWithNegativeFloat) {
        public boolean balanced() {
            return debits == credits && unbalancedJournals == 0;
        }
    }

    public record DepartmentDayTotal(
            String businessDate, String departmentCode, long count, long gross, long fee, long net) {}

    public record DepartmentPosting(String departmentCode, Account account, long amount) {}

    public record LoadDayTotal(String businessDate, String departmentCode, long count, long amount) {}
}
