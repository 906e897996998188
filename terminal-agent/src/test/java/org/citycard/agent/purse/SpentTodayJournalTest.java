package org.citycard.agent.purse;

import static org.assertj.core.api.Assertions.assertThat;

import org.citycard.agent.journal.Journal;
import org.citycard.agent.journal.JournalEntry;
import org.citycard.dictionary.record.OfflineRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link OfflineRules#spentToday} against a real journal (Derby in memory): the journal's one SUM counts this card's
 * purchases and compound purchases at this terminal on this day, pending or complete, and nothing else.
 */
class SpentTodayJournalTest {
    private static final String CARD = "31000000000000012345";
    private static final String OTHER_CARD = "31000000000000067890";
    private static final String TERMINAL = "123456789012";
    private static final String OTHER_TERMINAL = "999999999999";
    private static final String TODAY = "20261203";
    private static final String YESTERDAY = "20261202";

    private Journal journal;
    private long ttsn;

    @BeforeEach
    void open() {
        journal = Journal.inMemory("spent" + System.nanoTime());
    }

    @AfterEach
    void close() {
        journal.close();
    }

    @Test
    void spentToday_sumsThisCardsPurchasesAtThisTerminalToday_pendingOrComplete() {
        complete(TxTypes.PURCHASE, CARD, 100, TERMINAL, TODAY);
        pending(TxTypes.COMPOUND_PURCHASE, CARD, 20, TERMINAL, TODAY);
        complete(TxTypes.COMPOUND_PURCHASE, CARD, 3, TERMINAL, TODAY);
        // none of these count
        voided(TxTypes.PURCHASE, CARD, 4_000, TERMINAL, TODAY);
        complete(TxTypes.PURCHASE, CARD, 7_000, TERMINAL, YESTERDAY);
        complete(TxTypes.PURCHASE, CARD, 9_000, OTHER_TERMINAL, TODAY);
        complete(TxTypes.PURCHASE, OTHER_CARD, 11_000, TERMINAL, TODAY);
        pending(TxTypes.COMPOUND_PURCHASE, OTHER_CARD, 13_000, TERMINAL, TODAY);
        journal.recordComplete(record(TxTypes.HOTLIST_BLOCK, CARD, 500, TERMINAL, TODAY), "A1A1A1A1");

        assertThat(OfflineRules.spentToday(journal, CARD, TERMINAL, TODAY)).isEqualTo(123);
        assertThat(OfflineRules.spentToday(journal, CARD, TERMINAL, YESTERDAY)).isEqualTo(7_000);
        assertThat(OfflineRules.spentToday(journal, CARD, OTHER_TERMINAL, TODAY))
                .isEqualTo(9_000);
        assertThat(OfflineRules.spentToday(journal, OTHER_CARD, TERMINAL, TODAY))
                .isEqualTo(24_000);
        assertThat(OfflineRules.spentToday(journal, OTHER_CARD, TERMINAL, YESTERDAY))
                .isZero();
        // the same figures as the rows read one by one (the rule as it was written before the SUM)
        for (String asn : new String[] {CARD, OTHER_CARD}) {
            for (String tid : new String[] {TERMINAL, OTHER_TERMINAL}) {
                for (String day : new String[] {TODAY, YESTERDAY}) {
                    assertThat(OfflineRules.spentToday(journal, asn, tid, day))
                            .as("%s at %s on %s", asn, tid, day)
                            .isEqualTo(rowByRow(asn, tid, day));
                }
            }
        }
    }

    @Test
    void spentToday_isZeroForACardWithNoRecords() {
        assertThat(OfflineRules.spentToday(journal, CARD, TERMINAL, TODAY)).isZero();
    }

    @Test
    void spentToday_dropsAPurchaseOnceItIsProvenNotToHaveHappened() {
        long id = pending(TxTypes.PURCHASE, CARD, 250, TERMINAL, TODAY);
        assertThat(OfflineRules.spentToday(journal, CARD, TERMINAL, TODAY)).isEqualTo(250);
        journal.voidRecord(id);
        assertThat(OfflineRules.spentToday(journal, CARD, TERMINAL, TODAY)).isZero();
    }

    private long rowByRow(String asn, String tid, String day) {
        long sum = 0;
        for (JournalEntry e : journal.all()) {
            OfflineRecord r = e.record();
            if (e.state() != JournalEntry.State.VOID
                    && (TxTypes.PURCHASE.equals(r.recordType()) || TxTypes.COMPOUND_PURCHASE.equals(r.recordType()))
                    && asn.equals(r.asn())
                    && tid.equals(r.terminalId())
                    && day.equals(r.transactionDate())) {
                sum += r.amount();
            }
        }
        return sum;
    }

    private long pending(String type, String asn, long amount, String tid, String day) {
        return journal.beginOffline(record(type, asn, amount, tid, day));
    }

    private void complete(String type, String asn, long amount, String tid, String day) {
        journal.complete(pending(type, asn, amount, tid, day), "CBFFB952");
    }

    private void voided(String type, String asn, long amount, String tid, String day) {
        journal.voidRecord(pending(type, asn, amount, tid, day));
    }

    private OfflineRecord record(String type, String asn, long amount, String tid, String day) {
        ttsn++;
        return OfflineRecord.of(
                type, asn, (int) ttsn, 100_000, amount, tid, ttsn, day, "120000", null, 1, 0, "0201", "");
    }
}
