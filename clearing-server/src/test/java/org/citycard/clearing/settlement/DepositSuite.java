package org.citycard.clearing.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.citycard.clearing.bankfile.BankFileRepository;
import org.citycard.clearing.bankfile.Payment;
import org.citycard.clearing.bankfile.PaymentKind;
import org.citycard.clearing.ledger.Account;
import org.citycard.clearing.ledger.LedgerQueries;
import org.citycard.clearing.reference.Card;
import org.citycard.clearing.reference.CardStates;
import org.citycard.clearing.support.ConflictException;
import org.citycard.clearing.support.NotFoundException;
import org.citycard.clearing.support.TestData;
import org.citycard.clearing.testing.HostCardModel;
import org.citycard.dictionary.validate.ValidationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Card deposits (押金): taken at issue as a liability (card deposit, per card), refunded once — with the cancelled
 * card's refund in the next day close's bank file, or in cash at the counter — or moved to the replacing card; the
 * trial balance equal throughout. Run on Derby and PostgreSQL.
 */
abstract class DepositSuite extends DayCloseContext {
    static final String ACCOUNT = "6217000010001234567";

    @Autowired
    DepositService deposits;

    @Autowired
    CardSettlementService settlements;

    @Autowired
    LedgerQueries ledger;

    @Autowired
    BankFileRepository files;

    @Autowired
    JdbcTemplate jdbc;

    SettlementFixture f;
    String dept;
    String terminal;

    @BeforeEach
    void setUp() {
        f = fixture();
        f.newDay();
        dept = f.department(SettlementFixture.BANK_A, 0);
        terminal = f.terminal(dept);
    }

    static String newAsn() {
        return "3177" + String.format("%016d", TestData.unique());
    }

    /** The card-deposit sub-ledger of a card: credits less debits. */
    long heldInLedger(String asn) {
        return jdbc.queryForObject(
                "SELECT COALESCE(SUM(credit), 0) - COALESCE(SUM(debit), 0) FROM posting WHERE account = ? AND asn = ?",
                Long.class,
                Account.CARD_DEPOSIT.name(),
                asn);
    }

    long journals() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM journal", Long.class);
    }

    void later(Duration d) {
        f.clock.set(f.clock.instant().plus(d));
    }

    void balanced() {
        LedgerQueries.TrialBalance tb = ledger.trialBalance();
        assertThat(tb.balanced()).as("trial balance %s", tb).isTrue();
    }

    @Test
    void aCardIssuedWithItsDeposit_holdsItAsALiability() {
        String asn = newAsn();
        long cash = cashCollection();

        deposits.registerWithDeposit(new Card(asn, CardStates.ACTIVE, null), 0, null, 2_000L);

        assertThat(f.reference.card(asn).state()).isEqualTo(CardStates.ACTIVE);
        DepositService.Answer d = deposits.deposit(asn);
        assertThat(d.amount()).isEqualTo(2_000);
        assertThat(d.status()).isEqualTo(CardDeposit.HELD);
        assertThat(heldInLedger(asn)).isEqualTo(2_000);
        assertThat(cashCollection()).isEqualTo(cash + 2_000);
        balanced();
        assertThatThrownBy(() -> deposits.take(asn, 2_000))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("has a deposit already");
        assertThat(heldInLedger(asn)).isEqualTo(2_000);
    }

    @Test
    void theDeposit_goesWithTheCancelledCardsRefund_inTheNextDayClosesBankFile_once() {
        HostCardModel card = f.card(3_000, terminal, dept);
        deposits.take(card.asn(), 2_000);
        f.upload(terminal, f.purchase(card, 500, terminal, dept));
        f.reference.changeState(card.asn(), CardStates.code("CANCELLED"));

        assertThat(settlements
                        .refund(card.asn(), SettlementFixture.BANK_B, ACCOUNT, "张三")
                        .status())
                .isEqualTo("PENDING");
        assertThat(deposits.deposit(card.asn()).status()).isEqualTo(CardDeposit.HELD);
        later(Duration.ofHours(3));
        CardSettlementService.Answer done = settlements.refund(card.asn(), SettlementFixture.BANK_B, ACCOUNT, "张三");

        assertThat(done.status()).isEqualTo("REFUNDED");
        assertThat(done.amount()).isEqualTo(2_500 + 2_000);
        assertThat(done.reason()).contains("deposit 2000 fen");
        DepositService.Answer d = deposits.deposit(card.asn());
        assertThat(d.status()).isEqualTo(CardDeposit.REFUNDED);
        assertThat(d.refundMode()).isEqualTo(CardDeposit.BANK);
        assertThat(heldInLedger(card.asn())).isZero();
        balanced();

        // asked again: the same answer, nothing booked twice; the counter cannot pay it out in cash as well
        long before = journals();
        assertThat(settlements.refund(card.asn(), SettlementFixture.BANK_B, ACCOUNT, "张三"))
                .isEqualTo(done);
        assertThatThrownBy(() -> deposits.refundInCash(card.asn()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("refunded with the card's refund in a bank file already")
                .hasMessageContaining("refunded once");
        assertThat(journals()).isEqualTo(before);

        String day = f.now()[0];
        f.dayClose.close(day, "test", CloseProgress.NONE);
        Payment refund = files.filesOf(day).stream()
                .flatMap(b -> files.payments(b.messageId()).stream())
                .filter(p -> p.kind() == PaymentKind.REFUND)
                .filter(p -> card.asn().equals(p.asn()))
                .findFirst()
                .orElseThrow();
        assertThat(refund.amount()).isEqualTo(4_500);
        assertThat(refund.creditorAccount()).isEqualTo(ACCOUNT);
        assertThat(refundPayable(card.asn())).isZero();
        balanced();
    }

    @Test
    void theDeposit_paidInCashAtTheCounter_isNotPaidAgain_byTheCardsRefund() {
        HostCardModel card = f.card(1_000, terminal, dept);
        deposits.take(card.asn(), 2_000);
        f.reference.changeState(card.asn(), CardStates.code("CANCELLED"));
        long cash = cashCollection();

        DepositService.Answer paid = deposits.refundInCash(card.asn());

        assertThat(paid.status()).isEqualTo(CardDeposit.REFUNDED);
        assertThat(paid.refundMode()).isEqualTo(CardDeposit.CASH);
        assertThat(cashCollection()).isEqualTo(cash - 2_000);
        assertThat(heldInLedger(card.asn())).isZero();
        balanced();

        long before = journals();
        assertThatThrownBy(() -> deposits.refundInCash(card.asn()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("refunded in cash at the counter already");
        assertThat(journals()).isEqualTo(before);
        assertThat(cashCollection()).isEqualTo(cash - 2_000);

        // the balance is still refunded by bank, without the deposit
        settlements.refund(card.asn(), SettlementFixture.BANK_B, ACCOUNT, "张三");
        later(Duration.ofHours(3));
        CardSettlementService.Answer done = settlements.refund(card.asn(), SettlementFixture.BANK_B, ACCOUNT, "张三");
        assertThat(done.amount()).isEqualTo(1_000);
        assertThat(done.reason()).doesNotContain("deposit");
        assertThat(heldInLedger(card.asn())).isZero();
        balanced();
    }

    @Test
    void twoCounters_refundingTheSameDepositAtOnce_payItOnce() throws Exception {
        HostCardModel card = f.card(100, terminal, dept);
        deposits.take(card.asn(), 2_000);
        f.reference.changeState(card.asn(), CardStates.code("CANCELLED"));
        long cash = cashCollection();
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        return deposits.refundInCash(card.asn()).status();
                    } catch (RuntimeException e) {
                        return "refused";
                    }
                }));
            }
            java.util.List<String> outcomes = new java.util.ArrayList<>();
            for (var r : results) {
                outcomes.add(r.get());
            }
            assertThat(outcomes).containsExactlyInAnyOrder(CardDeposit.REFUNDED, "refused");
        } finally {
            pool.shutdownNow();
        }
        assertThat(cashCollection()).isEqualTo(cash - 2_000);
        assertThat(heldInLedger(card.asn())).isZero();
        balanced();
    }

    @Test
    void aReplacementCard_takesTheOldCardsDeposit() {
        HostCardModel old = f.card(4_000, terminal, dept);
        deposits.take(old.asn(), 2_000);
        f.reference.changeState(old.asn(), CardStates.LOST);
        HostCardModel replacement = f.card(1, terminal, dept);

        // the deposit moves with the request; the balance once the old card's records are in
        assertThat(settlements.replacement(old.asn(), replacement.asn()).status())
                .isEqualTo("PENDING");
        DepositService.Answer moved = deposits.deposit(replacement.asn());
        assertThat(moved.status()).isEqualTo(CardDeposit.HELD);
        assertThat(moved.amount()).isEqualTo(2_000);
        assertThat(moved.reason()).contains(old.asn());
        assertThat(deposits.deposit(old.asn()).status()).isEqualTo(CardDeposit.MOVED);
        assertThat(deposits.deposit(old.asn()).movedTo()).isEqualTo(replacement.asn());
        assertThat(heldInLedger(old.asn())).isZero();
        assertThat(heldInLedger(replacement.asn())).isEqualTo(2_000);
        balanced();

        later(Duration.ofHours(3));
        assertThat(settlements.replacement(old.asn(), replacement.asn()).status())
                .isEqualTo("MOVED");
        assertThat(heldInLedger(replacement.asn())).isEqualTo(2_000);

        // the old card's deposit is gone: it cannot be paid out for it as well
        long before = journals();
        assertThatThrownBy(() -> deposits.refundInCash(old.asn())).isInstanceOf(ConflictException.class);
        assertThat(journals()).isEqualTo(before);

        // the new card, returned later, refunds the deposit once
        f.reference.changeState(replacement.asn(), CardStates.code("CANCELLED"));
        assertThat(deposits.refundInCash(replacement.asn()).amount()).isEqualTo(2_000);
        assertThat(heldInLedger(replacement.asn())).isZero();
        balanced();
    }

    @Test
    void badInput_isRefusedWithFieldValueAndRule_andChangesNothing() {
        String asn = newAsn();
        long before = journals();

        for (long bad : new long[] {-1, DepositService.MAX_DEPOSIT + 1}) {
            assertThatThrownBy(() -> deposits.registerWithDeposit(new Card(asn, CardStates.ACTIVE, null), 0, null, bad))
                    .isInstanceOfSatisfying(ValidationException.class, e -> {
                        assertThat(e.getMessage()).contains("deposit");
                        assertThat(e.value()).isEqualTo(Long.toString(bad));
                        assertThat(e.rule()).contains("1..100000");
                    });
        }
        assertThatThrownBy(() -> f.reference.card(asn)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> deposits.take(asn, 2_000)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> deposits.take("12AB", 2_000))
                .isInstanceOfSatisfying(
                        ValidationException.class, e -> assertThat(e.value()).isEqualTo("12AB"));

        HostCardModel active = f.card(100, terminal, dept);
        long afterCard = journals();
        assertThatThrownBy(() -> deposits.take(active.asn(), 0)).isInstanceOf(ValidationException.class);
        deposits.take(active.asn(), 2_000);
        assertThatThrownBy(() -> deposits.refundInCash(active.asn()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("cancelled card");
        HostCardModel none = f.card(100, terminal, dept);
        f.reference.changeState(none.asn(), CardStates.code("CANCELLED"));
        assertThatThrownBy(() -> deposits.refundInCash(none.asn()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("no deposit");
        assertThat(deposits.deposit(active.asn()).status()).isEqualTo(CardDeposit.HELD);
        assertThat(journals()).isGreaterThan(before);
        assertThat(heldInLedger(active.asn())).isEqualTo(2_000);
        assertThat(afterCard).isGreaterThan(before);
        balanced();
    }

    long cashCollection() {
        return jdbc.queryForObject(
                "SELECT COALESCE(SUM(debit), 0) - COALESCE(SUM(credit), 0) FROM posting WHERE account = ?",
                Long.class,
                Account.CASH_COLLECTION.name());
    }

    long refundPayable(String asn) {
        return jdbc.queryForObject(
                "SELECT COALESCE(SUM(credit), 0) - COALESCE(SUM(debit), 0) FROM posting WHERE account = ? AND asn = ?",
                Long.class,
                Account.REFUND_PAYABLE.name(),
                asn);
    }
}
