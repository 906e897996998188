package org.citycard.clearing.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.citycard.clearing.ledger.LedgerQueries;
import org.citycard.clearing.load.LoadAuthoriser;
import org.citycard.clearing.load.LoadMessages;
import org.citycard.clearing.testing.HostCardModel;
import org.citycard.dictionary.wire.ResponseCode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Why a load authorisation (0100) does not pass the day gate (see {@code LoadHandlers}): one prepared on a day before
 * the day's close and written after it posts collection → load suspense on the closed day, and changes none of the
 * figures the close froze — the settlement rows, the closed day, the payables, the bank files (a rerun writes the
 * same bytes).
 */
class LateAuthorisationDayCloseTest extends DayCloseContext {
    @Autowired
    LoadAuthoriser authoriser;

    @Autowired
    SettlementRepository settlements;

    @Autowired
    LedgerQueries ledger;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void anAuthorisationWrittenAfterItsDaysClose_changesNoneOfTheClosedDaysFigures() {
        SettlementFixture f = fixture();
        String day = f.newDay();
        String dept = f.department(SettlementFixture.BANK_A, 30);
        String terminal = f.kiosk();
        HostCardModel card = f.card(10_000, terminal, dept);
        assertThat(f.upload(terminal, f.purchase(card, 1_234, terminal, dept)).accepted())
                .isEqualTo(1);

        // prepared (checked, MAC2 made, its day taken) before the close; written by the group commit after it
        String stan = "900001";
        String[] now = f.now();
        LoadAuthoriser.Draft late = authoriser.prepare(new LoadMessages.Authorisation(
                terminal,
                stan,
                card.asn(),
                "600000",
                5_000,
                now[0],
                now[1],
                dept,
                card.initializeForLoad(5_000, terminal)));
        assertThat(late.answer().code()).isEqualTo(ResponseCode.APPROVED);
        assertThat(late.journal().businessDate()).isEqualTo(day);

        DayCloseResult closed = f.dayClose.close(day, "test", CloseProgress.NONE);
        ClosedDay frozen = settlements.day(day).orElseThrow();
        List<SettlementRow> rows = settlements.settlements(day);
        List<LedgerQueries.DepartmentDayTotal> totals = ledger.departmentDayTotals(day);
        assertThat(rows).extracting(SettlementRow::gross).containsExactly(1_234L);

        new TransactionTemplate(transactions).executeWithoutResult(s -> authoriser.write(List.of(late)));

        assertThat(jdbc.queryForObject(
                        "SELECT business_date FROM journal WHERE kind = 'LOAD_AUTHORISATION' AND source_ref = ?",
                        String.class,
                        terminal + "/" + stan))
                .as("the late authorisation is dated on the closed day")
                .isEqualTo(day);
        assertThat(settlements.day(day)).contains(frozen);
        assertThat(settlements.settlements(day)).isEqualTo(rows);
        assertThat(ledger.departmentDayTotals(day)).isEqualTo(totals);
        assertThat(ledger.dayBook(day).disagreement()).isNull();
        DayCloseResult again = f.dayClose.close(day, "test", CloseProgress.NONE);
        assertThat(again.rerun()).isTrue(); // and its bank files are the first close's bytes (checked by the close)
        assertThat(again.files()).isEqualTo(closed.files());
        assertThat(ledger.trialBalance().balanced()).isTrue();
    }
}
