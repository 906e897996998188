package org.citycard.clearing.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalTime;
import org.citycard.clearing.bankfile.BankFileRepository;
import org.citycard.clearing.bankfile.Payment;
import org.citycard.clearing.bankfile.PaymentKind;
import org.citycard.clearing.ledger.Account;
import org.citycard.clearing.ledger.LedgerQueries;
import org.citycard.clearing.reference.CardStates;
import org.citycard.clearing.support.ConflictException;
import org.citycard.clearing.testing.HostCardModel;
import org.citycard.dictionary.validate.ValidationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The balance of a card leaving service: PENDING while records of the card may still come (the wait after the
 * request, records held in quarantine), then refunded (paid by the next day close's bank file) or moved to the
 * replacing card, with the ledger following. Run on Derby and PostgreSQL.
 */
abstract class CardSettlementSuite extends DayCloseContext {
    @Autowired
    CardSettlementService service;

    @Autowired
    LedgerQueries ledger;

    @Autowired
    BankFileRepository files;

    @Autowired
    org.citycard.clearing.bankfile.BankStatusService status;

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

    void later(Duration d) {
        f.clock.set(f.clock.instant().plus(d));
    }

    @Test
    void refund_waitsForTheCardsRecords_thenIsBooked_andPaidByTheNextDayClose() {
        HostCardModel card = f.card(10_000, terminal, dept);
        byte[] first = f.purchase(card, 1_000, terminal, dept);
        byte[] second = f.purchase(card, 500, terminal, dept);
        f.upload(terminal, second); // its predecessor is missing: held in quarantine (counter gap)
        f.reference.changeState(card.asn(), CardStates.code("CANCELLED"));

        CardSettlementService.Answer a =
                service.refund(card.asn(), SettlementFixture.BANK_B, "6217000010001234567", "张三");
        assertThat(a.status()).isEqualTo("PENDING");
        assertThat(a.amount()).isZero();
        assertThat(a.reason()).contains("quarantine");

        later(Duration.ofHours(3));
        assertThat(service.refund(card.asn(), SettlementFixture.BANK_B, "6217000010001234567", "张三")
                        .reason())
                .contains("quarantine");

        f.upload(terminal, first); // the gap closes: both records are in
        CardSettlementService.Answer done =
                service.refund(card.asn(), SettlementFixture.BANK_B, "6217000010001234567", "张三");

        assertThat(done.status()).isEqualTo("REFUNDED");
        assertThat(done.amount()).isEqualTo(8_500);
        assertThat(ledger.cardFloat(card.asn())).isZero();
        assertThat(service.refund(card.asn(), SettlementFixture.BANK_B, "6217000010001234567", "张三"))
                .isEqualTo(done);

        String day = f.now()[0];
        f.dayClose.close(day, "test", CloseProgress.NONE);
        Payment refund = files.filesOf(day).stream()
                .flatMap(b -> files.payments(b.messageId()).stream())
                .filter(p -> p.kind() == PaymentKind.REFUND)
                .filter(p -> card.asn().equals(p.asn()))
                .findFirst()
                .orElseThrow();
        assertThat(refund.amount()).isEqualTo(8_500);
        assertThat(refund.creditorAccount()).isEqualTo("6217000010001234567");
        assertThat(refund.messageId()).contains(SettlementFixture.BANK_B);
        assertThat(ledger.accountBalances().stream()
                        .filter(b -> b.account() == Account.REFUND_PAYABLE)
                        .mapToLong(LedgerQueries.AccountBalance::balance)
                        .sum())
                .isZero();
        assertThat(ledger.trialBalance().balanced()).isTrue();
    }

    @Test
    void aRejectedRefund_isPaidAgain_toTheAccountGivenAfterTheRejection() {
        HostCardModel card = f.card(3_000, terminal, dept);
        f.reference.changeState(card.asn(), CardStates.code("CANCELLED"));
        service.refund(card.asn(), SettlementFixture.BANK_B, "6217000010000000001", "李四");
        later(Duration.ofHours(3));
        assertThat(service.refund(card.asn(), SettlementFixture.BANK_B, "6217000010000000001", "李四")
                        .status())
                .isEqualTo("REFUNDED");
        String day = f.now()[0];
        f.dayClose.close(day, "test", CloseProgress.NONE);
        Payment refund = files.filesOf(day).stream()
                .flatMap(b -> files.payments(b.messageId()).stream())
                .filter(p -> card.asn().equals(p.asn()))
                .findFirst()
                .orElseThrow();
        status.apply(new Pain002("RJ" + refund.endToEndId().substring(1), refund.messageId())
                .group("PART")
                .paymentInformation(refund.messageId() + "-P1")
                .tx(refund.endToEndId(), "RJCT", "AC04", null)
                .bytes());

        // the holder gives another account; the next close pays the retry there
        assertThat(service.refund(card.asn(), SettlementFixture.BANK_A, "6217000010000000002", "李四")
                        .amount())
                .isEqualTo(3_000);
        String next = SettlementFixture.next(day);
        f.at(next, LocalTime.of(12, 0));
        f.dayClose.close(next, "test", CloseProgress.NONE);
        Payment retry = files.filesOf(next).stream()
                .flatMap(b -> files.payments(b.messageId()).stream())
                .filter(p -> card.asn().equals(p.asn()))
                .findFirst()
                .orElseThrow();
        assertThat(retry.kind()).isEqualTo(PaymentKind.RETRY);
        assertThat(retry.creditorAccount()).isEqualTo("6217000010000000002");
        assertThat(retry.messageId()).contains(SettlementFixture.BANK_A);
        assertThat(retry.reason()).contains("AC04");
        assertThat(ledger.trialBalance().balanced()).isTrue();
    }

    @Test
    void replacement_movesTheBalance_onceTheWaitIsOver() {
        HostCardModel old = f.card(6_000, terminal, dept);
        f.upload(terminal, f.purchase(old, 1_234, terminal, dept));
        f.reference.changeState(old.asn(), CardStates.LOST);
        HostCardModel replacement = f.card(0 + 1, terminal, dept);
        long before = ledger.cardFloat(replacement.asn());

        CardSettlementService.Answer pending = service.replacement(old.asn(), replacement.asn());
        assertThat(pending.status()).isEqualTo("PENDING");
        assertThat(pending.reason()).contains("may still arrive until");

        later(Duration.ofHours(3));
        CardSettlementService.Answer moved = service.replacement(old.asn(), replacement.asn());

        assertThat(moved.status()).isEqualTo("MOVED");
        assertThat(moved.amount()).isEqualTo(6_000 - 1_234);
        assertThat(ledger.cardFloat(old.asn())).isZero();
        assertThat(ledger.cardFloat(replacement.asn())).isEqualTo(before + 6_000 - 1_234);
        assertThat(service.replacement(old.asn(), replacement.asn())).isEqualTo(moved);
        assertThatThrownBy(() -> service.refund(old.asn(), SettlementFixture.BANK_A, "6217000010001234567", "张三"))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("being moved");
    }

    @Test
    void anActiveCard_isNotRefunded_andACardDoesNotReplaceItself() {
        HostCardModel card = f.card(100, terminal, dept);

        assertThatThrownBy(() -> service.refund(card.asn(), SettlementFixture.BANK_A, "6217000010001234567", "张三"))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("only a cancelled card");
        assertThatThrownBy(() -> service.replacement(card.asn(), card.asn())).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> service.refund(card.asn(), "12", "6217000010001234567", "张三"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("bankCode");
        f.at(f.now()[0], LocalTime.of(11, 0));
    }
}
