package org.citycard.clearing.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.util.List;
import org.citycard.clearing.bankfile.BankFile;
import org.citycard.clearing.bankfile.BankFileRepository;
import org.citycard.clearing.bankfile.BankStatusException;
import org.citycard.clearing.bankfile.BankStatusService;
import org.citycard.clearing.bankfile.Pain001Builder;
import org.citycard.clearing.bankfile.Payment;
import org.citycard.clearing.bankfile.PaymentKind;
import org.citycard.clearing.ledger.Account;
import org.citycard.clearing.ledger.LedgerQueries;
import org.citycard.clearing.testing.HostCardModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * pain.002 round trips: a bank accepts a whole file, accepts part and rejects part (the rejected payment goes back
 * to its payable and is paid again by the next day close, to the account registered then), and malformed or
 * mismatching reports are refused whole with the reason while nothing changes. Run on Derby and PostgreSQL.
 */
abstract class BankStatusSuite extends DayCloseContext {
    @Autowired
    BankStatusService status;

    @Autowired
    BankFileRepository files;

    @Autowired
    LedgerQueries ledger;

    SettlementFixture f;

    @BeforeEach
    void setUp() {
        f = fixture();
    }

    /** A closed day whose bank-A file pays three departments. */
    BankFile closedFile() {
        String day = f.newDay();
        String terminal = null;
        byte[][] records = new byte[3][];
        HostCardModel card = null;
        for (int i = 0; i < 3; i++) {
            String dept = f.department(SettlementFixture.BANK_A, 20);
            if (terminal == null) {
                terminal = f.kiosk(); // takes bills for the three departments
                card = f.card(90_000, terminal, dept);
            }
            records[i] = f.purchase(card, 1_000L * (i + 1) + i, terminal, dept);
        }
        f.upload(terminal, records);
        f.dayClose.close(day, "test", CloseProgress.NONE);
        return files.filesOf(day).stream()
                .filter(b -> b.bankCode().equals(SettlementFixture.BANK_A))
                .findFirst()
                .orElseThrow();
    }

    long balance(Account account, String dept) {
        return ledger.accountBalances().stream()
                .filter(b -> b.account() == account && dept.equals(b.departmentCode()))
                .mapToLong(LedgerQueries.AccountBalance::balance)
                .sum();
    }

    static String amount(long fen) {
        return Pain001Builder.amount(fen).toPlainString();
    }

    @Test
    void aWholeFileAccepted_closesEveryPayment_andTheSameReportAgainChangesNothing() {
        BankFile file = closedFile();
        byte[] report = new Pain002("ST" + file.messageId(), file.messageId())
                .totals(file.txCount(), amount(file.ctrlSum()))
                .group("ACSC")
                .bytes();

        BankStatusService.Outcome o = status.apply(report);

        assertThat(o.accepted()).isEqualTo(3);
        assertThat(o.rejected()).isZero();
        assertThat(o.fileStatus()).isEqualTo(BankFile.ACCEPTED);
        for (Payment p : files.payments(file.messageId())) {
            assertThat(p.status()).isEqualTo(Payment.ACCEPTED);
            assertThat(balance(Account.SETTLEMENT_IN_TRANSIT, p.departmentCode()))
                    .isZero();
            assertThat(balance(Account.BANK_SETTLEMENT, p.departmentCode())).isEqualTo(-p.amount());
        }
        LedgerQueries.TrialBalance tb = ledger.trialBalance();
        assertThat(tb.balanced()).isTrue();

        BankStatusService.Outcome again = status.apply(report);

        assertThat(again.appliedBefore()).isTrue();
        assertThat(ledger.trialBalance()).isEqualTo(tb);
    }

    @Test
    void partlyRejected_rejectedPaymentIsRequeuedWithTheReason_andPaidByTheNextClose() {
        BankFile file = closedFile();
        List<Payment> payments = files.payments(file.messageId());
        Payment ok = payments.get(0);
        Payment bad = payments.get(1);
        Payment silent = payments.get(2);
        byte[] report = new Pain002("ST1" + file.messageId(), file.messageId())
                .group("PART")
                .paymentInformation(file.paymentInformationId())
                .tx(ok.endToEndId(), "ACSC", null, amount(ok.amount()))
                .tx(bad.endToEndId(), "RJCT", "AC04", amount(bad.amount()))
                .bytes();

        BankStatusService.Outcome o = status.apply(report);

        assertThat(o.accepted()).isEqualTo(1);
        assertThat(o.rejected()).isEqualTo(1);
        assertThat(o.pending()).isEqualTo(1);
        assertThat(o.fileStatus()).isEqualTo(BankFile.PARTLY_REJECTED);
        Payment rejected = files.payments(file.messageId()).get(1);
        assertThat(rejected.status()).isEqualTo(Payment.REJECTED);
        assertThat(rejected.reason()).contains("AC04", "account closed");
        assertThat(balance(Account.DEPARTMENT_PAYABLE, bad.departmentCode())).isEqualTo(bad.amount());
        assertThat(files.payments(file.messageId()).get(2).status()).isEqualTo(Payment.SENT);
        assertThat(balance(Account.SETTLEMENT_IN_TRANSIT, silent.departmentCode()))
                .isEqualTo(silent.amount());

        // the next day: the retry goes out with the reason, and the payable is empty again
        String next = SettlementFixture.next(file.businessDate());
        f.at(next, LocalTime.of(23, 0));
        DayCloseResult r = f.dayClose.close(next, "test", CloseProgress.NONE);

        List<Payment> retries = files.filesOf(next).stream()
                .flatMap(b -> files.payments(b.messageId()).stream())
                .filter(p -> p.kind() == PaymentKind.RETRY)
                .toList();
        assertThat(retries).singleElement().satisfies(p -> {
            assertThat(p.departmentCode()).isEqualTo(bad.departmentCode());
            assertThat(p.amount()).isEqualTo(bad.amount());
            assertThat(p.retryOf()).isEqualTo(bad.endToEndId());
            assertThat(p.reason()).contains("AC04");
        });
        assertThat(r.paymentTotal()).isGreaterThanOrEqualTo(bad.amount());
        assertThat(files.payments(file.messageId()).get(1).retriedBy())
                .isEqualTo(retries.get(0).endToEndId());
        assertThat(balance(Account.DEPARTMENT_PAYABLE, bad.departmentCode())).isZero();
        assertThat(ledger.trialBalance().balanced()).isTrue();
    }

    @Test
    void malformedOrMismatchingReports_areRefusedWhole_andChangeNothing() {
        BankFile file = closedFile();
        Payment first = files.payments(file.messageId()).get(0);
        LedgerQueries.TrialBalance tb = ledger.trialBalance();
        record Case(String what, byte[] report, String message) {}
        List<Case> cases = List.of(
                new Case("not XML", "this is not xml".getBytes(StandardCharsets.UTF_8), "not well-formed XML"),
                new Case(
                        "another message",
                        "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.03\"/>"
                                .getBytes(StandardCharsets.UTF_8),
                        "not a pain.002.001.03"),
                new Case(
                        "unknown MsgId",
                        new Pain002("X1", "CCS19990101000000000000")
                                .group("ACSC")
                                .bytes(),
                        "which no bank file"),
                new Case(
                        "count differs",
                        new Pain002("X2", file.messageId())
                                .totals(file.txCount() + 1, amount(file.ctrlSum()))
                                .group("ACSC")
                                .bytes(),
                        "OrgnlNbOfTxs"),
                new Case(
                        "sum differs",
                        new Pain002("X3", file.messageId())
                                .totals(file.txCount(), amount(file.ctrlSum() + 1))
                                .group("ACSC")
                                .bytes(),
                        "OrgnlCtrlSum"),
                new Case(
                        "amount differs",
                        new Pain002("X4", file.messageId())
                                .group("PART")
                                .paymentInformation(file.paymentInformationId())
                                .tx(first.endToEndId(), "ACSC", null, amount(first.amount() - 1))
                                .bytes(),
                        "the file paid"),
                new Case(
                        "unknown end-to-end ID",
                        new Pain002("X5", file.messageId())
                                .group("PART")
                                .paymentInformation(file.paymentInformationId())
                                .tx("D19990101-0000", "ACSC", null, null)
                                .bytes(),
                        "not a payment of file"),
                new Case(
                        "entity expansion",
                        ("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x \"y\">]>"
                                        + "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.002.001.03\"/>")
                                .getBytes(StandardCharsets.UTF_8),
                        "not well-formed XML"));
        for (Case c : cases) {
            assertThatThrownBy(() -> status.apply(c.report()))
                    .as(c.what())
                    .isInstanceOf(BankStatusException.class)
                    .hasMessageContaining(c.message());
        }
        assertThat(files.payments(file.messageId()))
                .allSatisfy(p -> assertThat(p.status()).isEqualTo(Payment.SENT));
        assertThat(files.file(file.messageId()).orElseThrow().status()).isEqualTo(BankFile.SENT);
        assertThat(ledger.trialBalance()).isEqualTo(tb);
    }

    @Test
    void aReportContradictingAnEarlierOne_isRefused() {
        BankFile file = closedFile();
        status.apply(new Pain002("A1" + file.messageId(), file.messageId())
                .group("ACSC")
                .bytes());

        assertThatThrownBy(() -> status.apply(new Pain002("A2" + file.messageId(), file.messageId())
                        .group("RJCT")
                        .bytes()))
                .isInstanceOf(BankStatusException.class)
                .hasMessageContaining("was ACCEPTED by an earlier status report");
    }
}
