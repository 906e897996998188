package org.citycard.clearing.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.citycard.clearing.ClearingServerApplication;
import org.citycard.clearing.ledger.Account;
import org.citycard.clearing.ledger.LedgerQueries;
import org.citycard.clearing.support.MutableClock;
import org.citycard.clearing.support.TestData;
import org.citycard.clearing.testing.HostCardModel;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The settlement invariant over random days: departments with random fee rates, purchases of random amounts
 * uploaded in random batches, some of them only after the day closed (they belong to the next day). For every
 * closed day Σ department nets + Σ fees = Σ accepted purchases of that day, each department's fee is its day total
 * at its rate rounded half up, and every department payable is back to zero once its days are settled.
 */
class SettlementPropertyTest {
    static ConfigurableApplicationContext context;

    @BeforeContainer
    static void start() {
        context = new SpringApplicationBuilder(ClearingServerApplication.class, MutableClock.Config.class)
                .web(WebApplicationType.NONE)
                .run(
                        "--spring.datasource.url=jdbc:derby:memory:settlement-" + TestData.unique() + ";create=true",
                        "--citycard.data-dir=" + TestData.DATA_DIR.resolve("settlement-property"),
                        "--citycard.iso.port=0",
                        "--logging.level.org.citycard=WARN");
    }

    @AfterContainer
    static void stop() {
        context.close();
    }

    record Buy(int department, long amount, int batch, boolean late) {}

    @Provide
    Arbitrary<List<Buy>> purchases() {
        Arbitrary<Buy> buy = Arbitraries.integers()
                .between(0, 3)
                .flatMap(d -> Arbitraries.longs().between(1, 4_000).flatMap(a -> Arbitraries.integers()
                        .between(0, 2)
                        .flatMap(b -> Arbitraries.of(false, false, false, true).map(late -> new Buy(d, a, b, late)))));
        return buy.list().ofMinSize(1).ofMaxSize(30);
    }

    @Property
    void netsPlusFees_equalTheAcceptedPurchases_andPayablesReturnToZero(
            @ForAll("purchases") List<Buy> buys,
            @ForAll @IntRange(min = 0, max = 300) int rate0,
            @ForAll @IntRange(min = 0, max = 10_000) int rate1) {
        SettlementFixture f = new SettlementFixture(context);
        LedgerQueries ledger = context.getBean(LedgerQueries.class);
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        String day = f.newDay();
        String[] banks = {SettlementFixture.BANK_A, SettlementFixture.BANK_B, SettlementFixture.BANK_OTHER};
        int[] rates = {rate0, rate1, 55, 0};
        List<String> departments = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            departments.add(f.department(banks[i % banks.length], rates[i]));
        }
        String terminal = f.kiosk(); // takes bills for all four departments
        HostCardModel card = f.card(1_000, terminal, departments.get(0));
        long needed = buys.stream().mapToLong(Buy::amount).sum();
        while (card.balance() < needed) {
            f.load(card, Math.min(needed - card.balance(), 900_000), terminal, departments.get(0));
        }

        // the records in the card's order; on time ones uploaded in up to three batches before the close
        List<byte[]> onTime = new ArrayList<>();
        List<byte[]> late = new ArrayList<>();
        Map<Integer, List<byte[]>> batches = new HashMap<>();
        for (Buy b : buys) {
            byte[] r = f.purchase(card, b.amount(), terminal, departments.get(b.department()));
            (b.late() ? late : onTime).add(r);
            if (!b.late()) {
                batches.computeIfAbsent(b.batch(), k -> new ArrayList<>()).add(r);
            }
        }
        boolean lateBlocksChain = false;
        for (Buy b : buys) {
            if (b.late()) {
                lateBlocksChain = true;
            } else if (lateBlocksChain) {
                break;
            }
        }
        for (List<byte[]> batch : batches.values()) {
            f.upload(terminal, batch.toArray(byte[][]::new));
        }
        DayCloseResult first = f.dayClose.close(day, "property", CloseProgress.NONE);
        checkDay(first, jdbc, ledger);

        // the late ones arrive after the close: they (and the records held behind them) land on the next day
        if (!late.isEmpty()) {
            f.upload(terminal, late.toArray(byte[][]::new));
        }
        assertThat(jdbc.queryForList(
                        "SELECT reason || ' ' || detail FROM quarantine WHERE asn = ? AND status = 'HELD'",
                        String.class,
                        card.asn()))
                .as("records of the card still held once all are uploaded")
                .isEmpty();
        String next = SettlementFixture.next(day);
        f.at(next, LocalTime.of(12, 0));
        DayCloseResult second = f.dayClose.close(next, "property", CloseProgress.NONE);
        checkDay(second, jdbc, ledger);

        assertThat(first.gross() + second.gross()).isEqualTo(needed);
        for (String d : departments) {
            long payable = ledger.accountBalances().stream()
                    .filter(b -> b.account() == Account.DEPARTMENT_PAYABLE && d.equals(b.departmentCode()))
                    .mapToLong(LedgerQueries.AccountBalance::balance)
                    .sum();
            assertThat(payable).as("payable of department %s", d).isZero();
        }
        assertThat(ledger.trialBalance().balanced()).isTrue();
        assertThat(lateBlocksChain || late.isEmpty() || second.gross() > 0).isTrue();
    }

    static void checkDay(DayCloseResult r, JdbcTemplate jdbc, LedgerQueries ledger) {
        long accepted = jdbc.queryForObject(
                "SELECT COALESCE(SUM(amount), 0) FROM purchase WHERE business_date = ?", Long.class, r.businessDate());
        long nets = r.departments().stream().mapToLong(SettlementRow::net).sum();
        long fees = r.departments().stream().mapToLong(SettlementRow::fee).sum();
        assertThat(nets + fees).as("Σ nets + Σ fees of %s", r.businessDate()).isEqualTo(accepted);
        assertThat(r.gross()).isEqualTo(accepted);
        for (SettlementRow row : r.departments()) {
            assertThat(row.fee()).isEqualTo((row.gross() * row.feeRateBp() + 5_000) / 10_000);
        }
        long paid = r.files().stream()
                .mapToLong(DayCloseResult.BankFileSummary::total)
                .sum();
        assertThat(paid).isEqualTo(nets);
    }
}
