package org.citycard.clearing.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Balances and totals derived from the postings: per account, per card (the card's purse-float postings less its
 * purchases, the detail of the batch journals), per department and business day. Day close reads its totals here:
 * the postings are their one source, the purchase rows only their detail.
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
        // every card's purchase total on its shadow account (what its float is read from) must be exactly the sum
        // of its purchase rows
        long cardTotalsUnmatched = jdbc.sql("SELECT COUNT(*) FROM (SELECT asn FROM (SELECT asn, purchase_amount AS x"
                        + " FROM card_account UNION ALL SELECT asn, 0 - amount AS x FROM purchase) t GROUP BY asn"
                        + " HAVING SUM(x) <> 0) u")
                .query(Long.class)
                .single();
        return new TrialBalance(
                totals[0], totals[1], journals, totals[2], unbalanced, negativeCards, unmatched, cardTotalsUnmatched);
    }

    /**
     * The card's purse float: its purse-float postings (loads completed, refunds, balance moves) less its accepted
     * purchases (the card detail of the purchase journals, which post the purse float once per batch), whose sum the
     * card's shadow account keeps (moved with its chain in the ingest's transaction; {@link #trialBalance} checks it
     * against the purchase rows).
     */
    public long cardFloat(String asn) {
        long postings = jdbc.sql("SELECT COALESCE(SUM(credit), 0) - COALESCE(SUM(debit), 0) FROM posting"
                        + " WHERE account = ? AND asn = ?")
                .params(Account.PURSE_FLOAT.name(), asn)
                .query(Long.class)
                .single();
        long purchases = jdbc.sql("SELECT purchase_amount FROM card_account WHERE asn = ?")
                .param(asn)
                .query(Long.class)
                .optional()
                .orElse(0L);
        return postings - purchases;
    }

    /**
     * Per department, the accepted purchases of a business day as the ledger holds them — the one source the day
     * close and the API read: gross is what the day's purchase journals credited to the department's payable; the
     * fee is the one the day's close charged ({@link FeeRule}), or for a day not closed yet what the close will charge
     * at the department's rate now; net = gross − fee. The count is the number of purchase rows (the card detail) of
     * those journals, since postings are aggregated per batch.
     */
    public List<DepartmentDayTotal> departmentDayTotals(String businessDate) {
        return dayBook(businessDate).ledger();
    }

    /**
     * A business day from both sides: the ledger's per-department totals ({@link #departmentDayTotals}) and the purchase
     * rows' own (their sub-ledger detail). The two agree on every department's gross; {@link DayBook#disagreement}
     * names where they do not.
     */
    public DayBook dayBook(String businessDate) {
        Map<String, Long> gross = new TreeMap<>();
        jdbc.sql("SELECT p.department_code, SUM(p.credit) - SUM(p.debit) AS gross FROM posting p"
                        + " JOIN journal j ON j.id = p.journal_id WHERE p.account = ? AND p.business_date = ?"
                        + " AND j.kind IN (?, ?) GROUP BY p.department_code")
                .params(
                        Account.DEPARTMENT_PAYABLE.name(),
                        businessDate,
                        JournalKind.PURCHASE_BATCH.name(),
                        JournalKind.PURCHASE_RELEASE.name())
                .query(rs -> {
                    gross.put(rs.getString("department_code"), rs.getLong("gross"));
                });
        Map<String, Long> charged = new HashMap<>();
        jdbc.sql("SELECT department_code, SUM(credit) - SUM(debit) AS fee FROM posting WHERE account = ?"
                        + " AND business_date = ? GROUP BY department_code")
                .params(Account.FEE_INCOME.name(), businessDate)
                .query(rs -> {
                    charged.put(rs.getString("department_code"), rs.getLong("fee"));
                });
        boolean closed = jdbc.sql("SELECT COUNT(*) FROM business_day WHERE business_date = ?")
                        .param(businessDate)
                        .query(Long.class)
                        .single()
                > 0;
        Map<String, Integer> rates = new HashMap<>();
        if (!closed) {
            jdbc.sql("SELECT code, fee_rate_bp FROM department").query(rs -> {
                rates.put(rs.getString("code"), rs.getInt("fee_rate_bp"));
            });
        }
        List<PurchaseDayTotal> purchases = jdbc.sql("SELECT department_code, COUNT(*) AS n, SUM(amount) AS gross,"
                        + " SUM(fee) AS fee FROM purchase WHERE business_date = ? GROUP BY department_code"
                        + " ORDER BY department_code")
                .param(businessDate)
                .query((rs, i) -> new PurchaseDayTotal(
                        businessDate,
                        rs.getString("department_code"),
                        rs.getLong("n"),
                        rs.getLong("gross"),
                        rs.getLong("fee")))
                .list();
        Map<String, Long> counts = new HashMap<>();
        purchases.forEach(p -> counts.put(p.departmentCode(), p.count()));
        List<DepartmentDayTotal> ledger = new ArrayList<>(gross.size());
        gross.forEach((dept, g) -> {
            long fee = closed
                    ? charged.getOrDefault(dept, 0L)
                    : charged.getOrDefault(dept, 0L) + FeeRule.fee(g, rates.getOrDefault(dept, 0));
            ledger.add(new DepartmentDayTotal(businessDate, dept, counts.getOrDefault(dept, 0L), g, fee, g - fee));
        });
        return new DayBook(businessDate, closed, List.copyOf(ledger), purchases, Map.copyOf(charged));
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
     * @param cardPurchaseTotalsUnmatched cards whose shadow account's purchase total differs from the sum of their
     *     purchase rows (must be 0: a card's float is read from that total)
     */
    public record TrialBalance(
            long debits,
            long credits,
            long journals,
            long postings,
            long unbalancedJournals,
            long cardsWithNegativeFloat,
            long purchaseJournalsUnmatched,
            long cardPurchaseTotalsUnmatched) {
        public boolean balanced() {
            return debits == credits
                    && unbalancedJournals == 0
                    && purchaseJournalsUnmatched == 0
                    && cardPurchaseTotalsUnmatched == 0;
        }
    }

    /**
     * A department's business day in the ledger.
     *
     * @param fee charged by the day's close, or for an open day what its close will charge at the rate now
     */
    public record DepartmentDayTotal(
            String businessDate, String departmentCode, long count, long gross, long fee, long net) {}

    /**
     * A department's business day in the purchase rows.
     *
     * @param recordFees the sum of the rows' informative per-record fee shares (never charged)
     */
    public record PurchaseDayTotal(
            String businessDate, String departmentCode, long count, long gross, long recordFees) {}

    /**
     * A business day from the postings and from the purchase rows.
     *
     * @param closed the day was closed (its fees are charged)
     * @param feesPosted per department, the fee income posted on the day (by its close; nothing before)
     */
    public record DayBook(
            String businessDate,
            boolean closed,
            List<DepartmentDayTotal> ledger,
            List<PurchaseDayTotal> purchases,
            Map<String, Long> feesPosted) {

        /** Where the purchase rows do not add up to the payable postings, or null when they agree everywhere. */
        public String disagreement() {
            Map<String, long[]> both = new TreeMap<>();
            ledger.forEach(t -> both.computeIfAbsent(t.departmentCode(), k -> new long[2])[0] = t.gross());
            purchases.forEach(p -> both.computeIfAbsent(p.departmentCode(), k -> new long[2])[1] = p.gross());
            List<String> off = new ArrayList<>();
            both.forEach((dept, g) -> {
                if (g[0] != g[1]) {
                    off.add("department " + dept + ": payable credited " + g[0] + " fen, purchase rows " + g[1]
                            + " fen");
                }
            });
            return off.isEmpty() ? null : String.join("; ", off);
        }
    }

    public record DepartmentPosting(String departmentCode, Account account, long amount) {}

    public record LoadDayTotal(String businessDate, String departmentCode, long count, long amount) {}
}
