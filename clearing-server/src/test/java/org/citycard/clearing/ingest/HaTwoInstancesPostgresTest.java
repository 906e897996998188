package org.citycard.clearing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.citycard.clearing.ClearingServerApplication;
import org.citycard.clearing.crypto.TerminalKeyService;
import org.citycard.clearing.settlement.CloseProgress;
import org.citycard.clearing.settlement.DayCloseResult;
import org.citycard.clearing.settlement.SettlementFixture;
import org.citycard.clearing.socialsecurity.CardChallenges;
import org.citycard.clearing.support.MutableClock;
import org.citycard.clearing.support.PostgresCluster;
import org.citycard.clearing.support.RequiresPostgres;
import org.citycard.clearing.support.TestData;
import org.citycard.clearing.testing.HostCardModel;
import org.citycard.dictionary.crypto.TerminalKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two server instances (two Spring contexts, as two processes behind a load balancer would be) on one PostgreSQL
 * database: a batch booking onto a business day on instance A while instance B closes that day. The batch is held
 * inside its transaction by a row lock the test takes on the card's shadow account, so the two meet every time,
 * without timing. The close must either wait for the batch (and count it) or the batch must go to the next open
 * day; a record on a day whose totals were frozen without it is money nobody is paid. And what a terminal holds
 * from one instance is honoured by the other: its working key from a sign-on, a card-present challenge.
 */
@RequiresPostgres
class HaTwoInstancesPostgresTest {
    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;

    @BeforeAll
    static void start() {
        a = instance("a");
        b = instance("b");
    }

    @AfterAll
    static void stop() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    static ConfigurableApplicationContext instance(String name) {
        PostgresCluster pg = PostgresCluster.get().orElseThrow();
        return new SpringApplicationBuilder(ClearingServerApplication.class, MutableClock.Config.class)
                .web(WebApplicationType.NONE)
                .profiles("postgres")
                .run(
                        "--spring.datasource.url=" + pg.url(),
                        "--spring.datasource.username=" + pg.user(),
                        "--spring.datasource.password=" + pg.password(),
                        "--citycard.data-dir=" + TestData.DATA_DIR + "-ha-" + name,
                        "--citycard.settlement.records-wait=PT2H",
                        "--citycard.iso.port=0",
                        "--citycard.exchange.port=0",
                        "--logging.level.org.citycard=WARN");
    }

    @Test
    void aBatchBookingOnInstanceA_whileInstanceBClosesItsDay_isCountedByTheClose_orBookedOnTheNextDay()
            throws Exception {
        SettlementFixture fa = new SettlementFixture(a);
        SettlementFixture fb = new SettlementFixture(b);
        String day = fa.newDay();
        fb.at(day, LocalTime.of(10, 0));
        String dept = fa.department(SettlementFixture.BANK_A, 30);
        String terminal = fa.terminal(dept);
        HostCardModel card = fa.card(50_000, terminal, dept);
        byte[] record = fa.purchase(card, 1_234, terminal, dept);

        DataSource ds = a.getBean(DataSource.class);
        JdbcTemplate jdbc = a.getBean(JdbcTemplate.class);
        CompletableFuture<BatchResult> upload;
        CompletableFuture<DayCloseResult> close;
        try (Connection blocker = ds.getConnection()) {
            blocker.setAutoCommit(false);
            try (var ps = blocker.prepareStatement("SELECT asn FROM card_account WHERE asn = ? FOR UPDATE")) {
                ps.setString(1, card.asn());
                ps.executeQuery().close();
            }
            int before = waiting(jdbc);
            upload = CompletableFuture.supplyAsync(() -> fa.upload(terminal, record));
            await(() -> waiting(jdbc) > before, "instance A's batch waits for the card's row");
            close = CompletableFuture.supplyAsync(() -> fb.dayClose.close(day, "test", CloseProgress.NONE));
            // instance B either closes the day at once or waits for instance A's batch: both are states to go on from
            await(() -> close.isDone() || waiting(jdbc) > before + 1, "instance B's close finished or waits");
            blocker.rollback();
        }
        assertThat(upload.get(60, TimeUnit.SECONDS).accepted()).isEqualTo(1);
        DayCloseResult closed = close.get(60, TimeUnit.SECONDS);

        String bookedOn =
                jdbc.queryForObject("SELECT business_date FROM purchase WHERE asn = ?", String.class, card.asn());
        long onDay = jdbc.queryForObject(
                "SELECT COUNT(*) FROM purchase WHERE business_date = ? AND department_code = ?", Long.class, day, dept);
        long counted = closed.departments().stream()
                .filter(s -> s.departmentCode().equals(dept))
                .mapToLong(s -> s.purchaseCount())
                .sum();
        assertThat(onDay)
                .as(
                        "purchases of department %s on closed day %s (booked on %s) against the close's count",
                        dept, day, bookedOn)
                .isEqualTo(counted);
        if (bookedOn.equals(day)) {
            assertThat(counted).isEqualTo(1);
        } else {
            assertThat(bookedOn).isEqualTo(SettlementFixture.next(day));
        }
    }

    @Test
    void aSignOnOnOneInstance_isHonouredByTheOther_andAChallengeFromOneIsUsedUpOnTheOther() {
        SettlementFixture fa = new SettlementFixture(a);
        String terminal = fa.terminal(fa.department(SettlementFixture.BANK_A, 0));
        TerminalKeyService keysA = a.getBean(TerminalKeyService.class);
        TerminalKeyService keysB = b.getBean(TerminalKeyService.class);
        byte[] tmk = TerminalKey.demo(terminal).tmk();

        byte[] takFromB = keysB.issueWorkingKey(terminal).open(tmk);
        assertThat(keysA.verify(terminal, k -> Arrays.equals(k.tak(), takFromB)).outcome())
                .as("a MAC under the TAK instance B gave, checked on instance A")
                .isEqualTo(TerminalKeyService.Outcome.VALID);
        byte[] takFromA = keysA.issueWorkingKey(terminal).open(tmk);
        assertThat(keysB.verify(terminal, k -> Arrays.equals(k.tak(), takFromA)).outcome())
                .as("instance B had the older TAK cached; the terminal signed on again on A")
                .isEqualTo(TerminalKeyService.Outcome.VALID);
        assertThat(keysB.verify(terminal, k -> Arrays.equals(k.tak(), takFromB)).outcome())
                .as("the TAK the second sign-on replaced")
                .isEqualTo(TerminalKeyService.Outcome.INVALID);

        String challenge = a.getBean(CardChallenges.class).issue(terminal);
        assertThat(b.getBean(CardChallenges.class).consume(terminal, challenge))
                .as("a challenge instance A gave, used on instance B")
                .isTrue();
        assertThat(a.getBean(CardChallenges.class).consume(terminal, challenge))
                .as("used up for every instance")
                .isFalse();
    }

    /** Backends of this database waiting for a lock (a row lock or an advisory lock). */
    static int waiting(JdbcTemplate jdbc) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
                Integer.class);
    }

    static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 60 s: " + what);
            }
            Thread.sleep(20);
        }
    }
}
