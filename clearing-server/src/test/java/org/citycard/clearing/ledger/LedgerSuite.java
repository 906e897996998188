package org.citycard.clearing.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.citycard.clearing.support.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger against a real database: only balanced journals are written, balances per account, card and
 * department are derived from the postings, and concurrent writers never share an identifier. Run on Derby and
 * on PostgreSQL by the subclasses.
 */
abstract class LedgerSuite {
    @Autowired
    LedgerService ledger;

    @Autowired
    LedgerQueries queries;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcTemplate jdbc;

    static String asn() {
        return "3199" + String.format("%016d", TestData.unique());
    }

    long post(JournalKind kind, String day, PostingLine... lines) {
        return tx.execute(s -> ledger.post(kind, day, "test " + TestData.unique(), null, List.of(lines)));
    }

    @Test
    void anUnbalancedJournal_isRefused_andNothingIsWritten() {
        long journals = queries.trialBalance().journals();
        String card = asn();

        assertThatThrownBy(() -> post(
                        JournalKind.LOAD_COMPLETION,
                        "20261121",
                        PostingLine.debit(Account.LOAD_SUSPENSE, card, null, 100),
                        PostingLine.credit(Account.PURSE_FLOAT, card, null, 99)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not balance");
        assertThat(queries.trialBalance().journals()).isEqualTo(journals);
        assertThat(queries.cardFloat(card)).isZero();
    }

    @Test
    void aPostingLine_hasExactlyOnePositiveSide() {
        assertThatThrownBy(() -> new PostingLine(Account.FEE_INCOME, null, "0101", 5, 5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PostingLine.credit(Account.FEE_INCOME, null, "0101", -5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void balances_perCardAndPerDepartment_areDerivedFromThePostings() {
        String card = asn();
        String dept = String.format("%04d", TestData.unique() % 10_000);
        String day = "2026" + String.format("%04d", 1000 + TestData.unique() % 200);
        post(
                JournalKind.LOAD_AUTHORISATION,
                day,
                PostingLine.debit(Account.CASH_COLLECTION, null, dept, 5_000),
                PostingLine.credit(Account.LOAD_SUSPENSE, card, null, 5_000));
        post(
                JournalKind.LOAD_COMPLETION,
                day,
                PostingLine.debit(Account.LOAD_SUSPENSE, card, null, 5_000),
                PostingLine.credit(Account.PURSE_FLOAT, card, null, 5_000));
        post(
                JournalKind.PURCHASE_BATCH,
                day,
                PostingLine.debit(Account.PURSE_FLOAT, card, null, 1_000),
                PostingLine.credit(Account.DEPARTMENT_PAYABLE, null, dept, 997),
                PostingLine.credit(Account.FEE_INCOME, null, dept, 3));

        assertThat(queries.cardFloat(card)).isEqualTo(4_000);
        assertThat(queries.departmentPostings(day))
                .containsExactly(
                        new LedgerQueries.DepartmentPosting(dept, Account.DEPARTMENT_PAYABLE, 997),
                        new LedgerQueries.DepartmentPosting(dept, Account.FEE_INCOME, 3));
        assertThat(queries.accountBalances())
                .filteredOn(b -> dept.equals(b.departmentCode()) && b.account() == Account.CASH_COLLECTION)
                .singleElement()
                .satisfies(b -> assertThat(b.balance()).isEqualTo(5_000));
        LedgerQueries.TrialBalance tb = queries.trialBalance();
        assertThat(tb.balanced()).isTrue();
        assertThat(tb.cardsWithNegativeFloat()).isZero();
    }

    @Test
    void concurrentWriters_getDistinctJournals_andTheLedgerStaysBalanced() throws Exception {
        long before = queries.trialBalance().journals();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Long>> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String card = asn();
            ids.add(pool.submit(() -> post(
                    JournalKind.LOAD_COMPLETION,
                    "20261121",
                    PostingLine.debit(Account.LOAD_SUSPENSE, card, null, 10),
                    PostingLine.credit(Account.PURSE_FLOAT, card, null, 10))));
        }
        List<Long> got = new ArrayList<>();
        for (Future<Long> f : ids) {
            got.add(f.get());
        }
        pool.shutdown();

        assertThat(got).doesNotHaveDuplicates().hasSize(40);
        assertThat(queries.trialBalance().journals()).isEqualTo(before + 40);
        assertThat(queries.trialBalance().balanced()).isTrue();
    }

    /** 71 journals of 2 lines: journals in chunks of 64 + 4 + 2 + 1 rows, lines 64 + 64 + 8 + 4 + 2. */
    @Test
    void postAllInRows_writesTheSameJournalsAndLinesAsPostAll_acrossChunks() {
        String day = "2026" + String.format("%04d", 1000 + TestData.unique() % 200);
        String terminal = String.format("9%011d", TestData.unique() % 100_000_000_000L);
        List<LedgerService.Entry> inRows = new ArrayList<>();
        List<LedgerService.Entry> batched = new ArrayList<>();
        List<String> cards = new ArrayList<>();
        for (int i = 0; i < 71; i++) {
            String card = asn();
            cards.add(card);
            for (List<LedgerService.Entry> to : List.of(inRows, batched)) {
                to.add(new LedgerService.Entry(
                        JournalKind.LOAD_AUTHORISATION,
                        day,
                        (to == inRows ? "rows " : "batch ") + card,
                        i % 2 == 0 ? terminal : null,
                        List.of(
                                PostingLine.debit(Account.CASH_COLLECTION, null, "0101", 100 + i),
                                PostingLine.credit(Account.LOAD_SUSPENSE, card, null, 100 + i))));
            }
        }
        List<Long> rowIds = tx.execute(s -> ledger.postAllInRows(inRows));
        List<Long> batchIds = tx.execute(s -> ledger.postAll(batched));

        assertThat(rowIds).hasSize(71).doesNotHaveDuplicates().doesNotContainAnyElementsOf(batchIds);
        for (int i = 0; i < 71; i++) {
            assertThat(journalAndLines(rowIds.get(i))).isEqualTo(journalAndLines(batchIds.get(i)));
            assertThat(jdbc.queryForObject("SELECT source_ref FROM journal WHERE id = ?", String.class, rowIds.get(i)))
                    .isEqualTo("rows " + cards.get(i));
            assertThat(queries.cardFloat(cards.get(i))).isZero(); // suspense, not the purse float
        }
        assertThat(queries.trialBalance().balanced()).isTrue();
    }

    @Test
    void postAllInRows_refusesAnUnbalancedJournal_andWritesNoneOfThem() {
        long journals = queries.trialBalance().journals();
        String card = asn();
        List<LedgerService.Entry> entries = List.of(
                new LedgerService.Entry(
                        JournalKind.LOAD_AUTHORISATION,
                        "20261121",
                        "ok " + card,
                        null,
                        List.of(
                                PostingLine.debit(Account.CASH_COLLECTION, null, "0101", 100),
                                PostingLine.credit(Account.LOAD_SUSPENSE, card, null, 100))),
                new LedgerService.Entry(
                        JournalKind.LOAD_AUTHORISATION,
                        "20261121",
                        "bad " + card,
                        null,
                        List.of(
                                PostingLine.debit(Account.CASH_COLLECTION, null, "0101", 100),
                                PostingLine.credit(Account.LOAD_SUSPENSE, card, null, 99))));

        assertThatThrownBy(() -> tx.execute(s -> ledger.postAllInRows(entries)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad " + card);
        assertThat(queries.trialBalance().journals()).isEqualTo(journals);
    }

    /** A journal's kind, day and terminal and its lines, without its id and source. */
    private List<String> journalAndLines(long id) {
        List<String> out = new ArrayList<>(jdbc.query(
                "SELECT kind, business_date, terminal_id FROM journal WHERE id = ?",
                (rs, i) -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3),
                id));
        out.addAll(jdbc.query(
                "SELECT line_no, account, asn, department_code, debit, credit, business_date FROM posting"
                        + " WHERE journal_id = ? ORDER BY line_no",
                (rs, i) -> rs.getInt(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4) + "|"
                        + rs.getLong(5) + "|" + rs.getLong(6) + "|" + rs.getString(7),
                id));
        return out;
    }
}
