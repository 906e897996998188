package org.citycard.clearing.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.citycard.clearing.bankfile.BankFile;
import org.citycard.clearing.bankfile.BankFileRepository;
import org.citycard.clearing.bankfile.BankFileVerifier;
import org.citycard.clearing.bankfile.BankFileWriter;
import org.citycard.clearing.bankfile.FileSigningKey;
import org.citycard.clearing.bankfile.ManifestAlgorithm;
import org.citycard.clearing.bankfile.ManifestSigner;
import org.citycard.clearing.config.CityCardProperties;
import org.citycard.clearing.ledger.LedgerQueries;
import org.citycard.clearing.reference.Bank;
import org.citycard.clearing.testing.HostCardModel;
import org.citycard.dictionary.validate.ValidationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Day close against a real database: per-department totals with the fee on the day total, settlement journals that
 * empty the payables, one file set per paying bank that validates against the ISO 20022 schema and agrees with the
 * ledger when read by an independent parser, a signature that breaks on one changed byte, late records on the next
 * day, reruns that write the same bytes, and no second file under a used MsgId. Run on Derby and PostgreSQL.
 */
abstract class DayCloseSuite extends DayCloseContext {
    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    LedgerQueries ledger;

    @Autowired
    BankFileRepository bankFiles;

    @Autowired
    CityCardProperties properties;

    @Autowired
    FileSigningKey signingKey;

    SettlementFixture f;

    @BeforeEach
    void setUp() {
        f = fixture();
    }

    /** Three departments at the two banks and one at a bank the centre has no account at, a day of purchases. */
    record Day(String date, String deptA, String deptA2, String deptB, String deptOther, Map<String, Long> gross) {}

    Day dayOfPurchases() {
        String date = f.newDay();
        String deptA = f.department(SettlementFixture.BANK_A, 30);
        String deptA2 = f.department(SettlementFixture.BANK_A, 125);
        String deptB = f.department(SettlementFixture.BANK_B, 55);
        String deptOther = f.department(SettlementFixture.BANK_OTHER, 10);
        String terminal = f.kiosk(); // takes bills for all four departments
        Map<String, Long> gross = new HashMap<>();
        HostCardModel c1 = f.card(50_000, terminal, deptA);
        HostCardModel c2 = f.card(50_000, terminal, deptA);
        long[][] plan = {{1_999, 0}, {17, 0}, {2_345, 1}, {999, 2}, {4_321, 3}, {250, 1}, {15, 0}, {7_777, 2}};
        String[] depts = {deptA, deptA2, deptB, deptOther};
        byte[][] records = new byte[plan.length][];
        for (int i = 0; i < plan.length; i++) {
            HostCardModel c = i % 2 == 0 ? c1 : c2;
            String dept = depts[(int) plan[i][1]];
            records[i] = f.purchase(c, plan[i][0], terminal, dept);
            gross.merge(dept, plan[i][0], Long::sum);
        }
        assertThat(f.upload(terminal, records).accepted()).isEqualTo(plan.length);
        return new Day(date, deptA, deptA2, deptB, deptOther, gross);
    }

    long payable(String dept) {
        return ledger.accountBalances().stream()
                .filter(b -> b.account() == org.citycard.clearing.ledger.Account.DEPARTMENT_PAYABLE
                        && dept.equals(b.departmentCode()))
                .mapToLong(LedgerQueries.AccountBalance::balance)
                .sum();
    }

    byte[] read(BankFile file, String name) throws Exception {
        return Files.readAllBytes(properties.dataDir().resolve(file.folder()).resolve(name));
    }

    // ------------------------------------------------------------------ tests

    @Test
    void close_paysEachDepartmentsNet_withTheFeeOnTheDayTotal_andEmptiesThePayables() {
        Day d = dayOfPurchases();

        DayCloseResult r = f.dayClose.close(d.date(), "test", CloseProgress.NONE);

        assertThat(r.rerun()).isFalse();
        Map<String, SettlementRow> rows = new HashMap<>();
        r.departments().forEach(row -> rows.put(row.departmentCode(), row));
        // deptA: 1,999 + 17 + 15 = 2,031 at 30 bp = 6.093 → 6 (per record it would be 6 + 0 + 0)
        assertThat(rows.get(d.deptA()))
                .extracting(SettlementRow::purchaseCount, SettlementRow::gross, SettlementRow::fee, SettlementRow::net)
                .containsExactly(3L, 2_031L, 6L, 2_025L);
        // deptA2: 2,345 + 250 = 2,595 at 125 bp = 32.4375 → 32 (per record: 29 + 3 = 32)
        assertThat(rows.get(d.deptA2()).fee()).isEqualTo(32);
        // deptB: 999 + 7,777 = 8,776 at 55 bp = 48.268 → 48 (per record: 5 + 43 = 48)
        assertThat(rows.get(d.deptB()).fee()).isEqualTo(48);
        // deptOther: 4,321 at 10 bp = 4.321 → 4
        assertThat(rows.get(d.deptOther()).net()).isEqualTo(4_317);
        for (SettlementRow row : r.departments()) {
            assertThat(row.net() + row.fee())
                    .isEqualTo(row.gross())
                    .isEqualTo(d.gross().get(row.departmentCode()));
            assertThat(row.fee()).isEqualTo((row.gross() * row.feeRateBp() + 5_000) / 10_000);
            assertThat(payable(row.departmentCode()))
                    .as("payable of %s", row.departmentCode())
                    .isZero();
        }
        assertThat(r.gross())
                .isEqualTo(
                        d.gross().values().stream().mapToLong(Long::longValue).sum());
        assertThat(r.net() + r.fee()).isEqualTo(r.gross());
        // bank A pays its two departments and the one whose bank the centre has no account at (default: first bank)
        assertThat(r.files())
                .extracting(DayCloseResult.BankFileSummary::bankCode, DayCloseResult.BankFileSummary::transactions)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(SettlementFixture.BANK_A, 3),
                        org.assertj.core.groups.Tuple.tuple(SettlementFixture.BANK_B, 1));
        assertThat(ledger.trialBalance().balanced()).isTrue();
    }

    @Test
    void close_readsItsTotalsFromTheLedger_whichThePurchaseRowsAndTheBankFilesAgreeWith() {
        Day d = dayOfPurchases();
        LedgerQueries.DayBook open = ledger.dayBook(d.date());
        assertThat(open.closed()).isFalse();
        assertThat(open.disagreement()).isNull();
        // the postings and the purchase rows: the same departments, counts and gross
        assertThat(open.ledger())
                .extracting(
                        LedgerQueries.DepartmentDayTotal::departmentCode,
                        LedgerQueries.DepartmentDayTotal::count,
                        LedgerQueries.DepartmentDayTotal::gross)
                .containsExactlyInAnyOrderElementsOf(open.purchases().stream()
                        .map(p -> org.assertj.core.groups.Tuple.tuple(p.departmentCode(), p.count(), p.gross()))
                        .toList());
        // ingest charged no fee: the payable holds each department's gross
        assertThat(open.feesPosted()).isEmpty();
        for (String dept : d.gross().keySet()) {
            assertThat(payable(dept)).isEqualTo(d.gross().get(dept));
        }

        DayCloseResult r = f.dayClose.close(d.date(), "test", CloseProgress.NONE);

        // the settlement is the ledger's day: gross and count as posted, the fee charged once on it
        Map<String, LedgerQueries.DepartmentDayTotal> before = new HashMap<>();
        open.ledger().forEach(t -> before.put(t.departmentCode(), t));
        LedgerQueries.DayBook closed = ledger.dayBook(d.date());
        assertThat(closed.closed()).isTrue();
        Map<String, LedgerQueries.DepartmentDayTotal> after = new HashMap<>();
        closed.ledger().forEach(t -> after.put(t.departmentCode(), t));
        assertThat(r.departments()).hasSize(before.size());
        for (SettlementRow row : r.departments()) {
            LedgerQueries.DepartmentDayTotal t = before.get(row.departmentCode());
            assertThat(row.gross()).isEqualTo(t.gross());
            assertThat(row.purchaseCount()).isEqualTo(t.count());
            // what the API showed for the open day is what the close charged
            assertThat(row.fee()).isEqualTo(t.fee());
            assertThat(after.get(row.departmentCode()))
                    .isEqualTo(new LedgerQueries.DepartmentDayTotal(
                            d.date(), row.departmentCode(), row.purchaseCount(), row.gross(), row.fee(), row.net()));
            assertThat(closed.feesPosted().getOrDefault(row.departmentCode(), 0L))
                    .isEqualTo(row.fee());
        }
        // the bank files pay what the ledger moved to settlement in transit: Σ control sums = Σ in-transit credits
        // of the close = Σ nets (the departments' payments; no refunds or retries on this day)
        long inFiles = bankFiles.filesOf(d.date()).stream()
                .mapToLong(BankFile::ctrlSum)
                .sum();
        Long inTransit = jdbc.queryForObject(
                "SELECT SUM(p.credit) FROM posting p JOIN journal j ON j.id = p.journal_id WHERE j.kind = 'SETTLEMENT'"
                        + " AND p.business_date = ? AND p.account = 'SETTLEMENT_IN_TRANSIT'",
                Long.class,
                d.date());
        assertThat(inFiles)
                .isEqualTo(inTransit)
                .isEqualTo(r.net())
                .isEqualTo(
                        r.departments().stream().mapToLong(SettlementRow::net).sum());
        // one rule, so no adjustment journal
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM journal WHERE kind = 'FEE_ADJUSTMENT' AND business_date = ?",
                        Long.class,
                        d.date()))
                .isZero();
    }

    @Test
    void close_stops_whenThePurchaseRowsDisagreeWithThePostings() {
        Day d = dayOfPurchases();
        Long first = jdbc.queryForObject(
                "SELECT MIN(id) FROM purchase WHERE business_date = ? AND department_code = ?",
                Long.class,
                d.date(),
                d.deptB());
        // a fault ingest cannot produce: a purchase row changed behind the ledger's back
        jdbc.update("UPDATE purchase SET amount = amount + 1 WHERE id = ?", first);
        try {
            assertThatThrownBy(() -> f.dayClose.close(d.date(), "test", CloseProgress.NONE))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("department " + d.deptB())
                    .hasMessageContaining("do not add up to the ledger");
            assertThat(f.dayClose.closedDay(d.date())).isEmpty();
            assertThat(bankFiles.filesOf(d.date())).isEmpty();
        } finally {
            jdbc.update("UPDATE purchase SET amount = amount - 1 WHERE id = ?", first);
        }
    }

    @Test
    void pain001_validatesAgainstTheSchema_andAnIndependentParserAgreesWithTheLedger() throws Exception {
        Day d = dayOfPurchases();
        java.time.OffsetDateTime closedAt = java.time.ZonedDateTime.ofInstant(
                        f.clock.instant(), org.citycard.clearing.support.MutableClock.BUSINESS_ZONE)
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toOffsetDateTime();
        f.dayClose.close(d.date(), "test", CloseProgress.NONE);

        // what the ledger says each department is paid: its day's purchases (sub-ledger) at its rate, and the
        // settlement journal's in-transit credits
        Map<String, Long> expectedNet = new HashMap<>();
        jdbc.query(
                "SELECT p.department_code, SUM(p.amount), MAX(d.fee_rate_bp) FROM purchase p JOIN department d"
                        + " ON d.code = p.department_code WHERE p.business_date = ? GROUP BY p.department_code",
                rs -> {
                    long gross = rs.getLong(2);
                    expectedNet.put(rs.getString(1), gross - (gross * rs.getInt(3) + 5_000) / 10_000);
                },
                d.date());
        Map<String, Long> inTransit = new HashMap<>();
        jdbc.query(
                "SELECT department_code, SUM(credit) FROM posting p JOIN journal j ON j.id = p.journal_id"
                        + " WHERE j.kind = 'SETTLEMENT' AND p.business_date = ? AND p.account = 'SETTLEMENT_IN_TRANSIT'"
                        + " GROUP BY department_code",
                rs -> {
                    inTransit.put(rs.getString(1), rs.getLong(2));
                },
                d.date());
        assertThat(inTransit).isEqualTo(expectedNet);

        long allFiles = 0;
        int allTransactions = 0;
        for (BankFile file : bankFiles.filesOf(d.date())) {
            byte[] xml = read(file, BankFileWriter.painName(file.messageId()));
            BankFileReader.validate(xml);
            BankFileReader.Pain001 pain = BankFileReader.pain001(xml);
            BankFileReader.Detail detail =
                    BankFileReader.detail(read(file, BankFileWriter.detailName(file.messageId())));

            long sum = pain.transactions().stream()
                    .mapToLong(BankFileReader.Transaction::amountFen)
                    .sum();
            assertThat(pain.msgId()).isEqualTo(file.messageId()).isEqualTo(detail.msgId());
            assertThat(pain.groupNbOfTxs())
                    .isEqualTo(pain.paymentNbOfTxs())
                    .isEqualTo(pain.transactions().size());
            assertThat(pain.groupCtrlSum()).isEqualTo(pain.paymentCtrlSum()).isEqualTo(sum);
            // created when the close ran (the clock at 10:00 on the day, Asia/Shanghai): never in the future, and not
            // the next day's midnight, which is in the future for a file written the evening before
            assertThat(pain.created())
                    .isEqualTo(closedAt.format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            assertThat(java.time.OffsetDateTime.parse(pain.created()).toInstant())
                    .isBeforeOrEqualTo(f.clock.instant());
            assertThat(detail.created())
                    .isEqualTo(closedAt.format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss")));
            assertThat(pain.transactions())
                    .allSatisfy(t -> assertThat(t.currency()).isEqualTo("CNY"));
            assertThat(detail.businessDate()).isEqualTo(d.date());
            assertThat(detail.bankCode()).isEqualTo(file.bankCode());
            assertThat(detail.trailerCount())
                    .isEqualTo(detail.lines().size())
                    .isEqualTo(pain.transactions().size());
            assertThat(detail.trailerTotal()).isEqualTo(sum);
            assertThat(detail.trailerHash()).isEqualTo(detail.computedHash());
            for (int i = 0; i < detail.lines().size(); i++) {
                BankFileReader.DetailLine line = detail.lines().get(i);
                BankFileReader.Transaction tx = pain.transactions().get(i);
                assertThat(line.sequence()).isEqualTo(i + 1);
                assertThat(line.endToEndId()).isEqualTo(tx.endToEndId());
                assertThat(line.net()).isEqualTo(tx.amountFen()).isEqualTo(expectedNet.get(line.department()));
                assertThat(line.gross() - line.fee()).isEqualTo(line.net());
                assertThat(line.account()).isEqualTo(tx.account());
                assertThat(line.bank()).isEqualTo(tx.creditorBankCnaps());
            }
            // the manifest names both files with their sizes and digests
            String manifest = new String(read(file, BankFileWriter.manifestName(file.messageId())), "UTF-8");
            for (String name :
                    List.of(BankFileWriter.painName(file.messageId()), BankFileWriter.detailName(file.messageId()))) {
                byte[] content = read(file, name);
                assertThat(manifest)
                        .contains("file=" + name + " size=" + content.length + " sha256="
                                + BankFileReader.sha256(content));
            }
            allFiles += sum;
            allTransactions += pain.transactions().size();
        }
        assertThat(allFiles)
                .isEqualTo(
                        expectedNet.values().stream().mapToLong(Long::longValue).sum());
        assertThat(allTransactions).isEqualTo(expectedNet.size());
    }

    @Test
    void rerun_booksNothing_andWritesTheSameBytes() throws Exception {
        Day d = dayOfPurchases();
        DayCloseResult first = f.dayClose.close(d.date(), "test", CloseProgress.NONE);
        Map<String, byte[]> before = new HashMap<>();
        for (BankFile file : bankFiles.filesOf(d.date())) {
            for (String name : BankFileWriter.names(file.messageId())) {
                before.put(name, read(file, name));
                Files.delete(properties.dataDir().resolve(file.folder()).resolve(name));
            }
        }
        LedgerQueries.TrialBalance tb = ledger.trialBalance();

        f.at(SettlementFixture.next(d.date()), LocalTime.of(9, 0));
        DayCloseResult again = f.dayClose.close(d.date(), "test", CloseProgress.NONE);

        assertThat(again.rerun()).isTrue();
        assertThat(again.departments()).isEqualTo(first.departments());
        assertThat(ledger.trialBalance()).isEqualTo(tb);
        for (BankFile file : bankFiles.filesOf(d.date())) {
            for (String name : BankFileWriter.names(file.messageId())) {
                assertThat(read(file, name)).as(name).isEqualTo(before.get(name));
            }
        }
    }

    @Test
    void oneChangedByte_breaksTheSignature() throws Exception {
        Day d = dayOfPurchases();
        f.dayClose.close(d.date(), "test", CloseProgress.NONE);
        BankFile file = bankFiles.filesOf(d.date()).get(0);
        byte[] manifest = read(file, BankFileWriter.manifestName(file.messageId()));
        byte[] signature = read(file, BankFileWriter.signatureName(file.messageId()));

        assertThat(ManifestSigner.verify(manifest, signature, signingKey.certificate()))
                .isTrue();
        for (int i : new int[] {0, manifest.length / 2, manifest.length - 2}) {
            byte[] changed = manifest.clone();
            changed[i] ^= 0x01;
            assertThat(ManifestSigner.verify(changed, signature, signingKey.certificate()))
                    .as("byte %d changed", i)
                    .isFalse();
        }
        byte[] badSignature = signature.clone();
        badSignature[badSignature.length - 5] ^= 0x01;
        assertThat(ManifestSigner.verify(manifest, badSignature, signingKey.certificate()))
                .isFalse();
        assertThat(signingKey.isDemo()).isTrue();
    }

    @Test
    void perBankManifestSignatures_sm2OnlyAndBoth_verifyAsTheBankWould_andARerunWritesTheSameBytes() throws Exception {
        Bank a = f.reference.bank(SettlementFixture.BANK_A);
        Bank b = f.reference.bank(SettlementFixture.BANK_B);
        try {
            f.reference.updateBank(a.withManifestSignatures("sm2, ed25519"));
            f.reference.updateBank(b.withManifestSignatures("SM2"));
            assertThat(f.reference.bank(SettlementFixture.BANK_A).manifestSignatures())
                    .isEqualTo("ED25519,SM2");
            assertThatThrownBy(() -> f.reference.updateBank(b.withManifestSignatures("RSA")))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("manifestSignatures")
                    .hasMessageContaining("RSA");
            assertThat(f.reference.bank(SettlementFixture.BANK_B).manifestSignatures())
                    .isEqualTo("SM2");

            Day d = dayOfPurchases();
            f.dayClose.close(d.date(), "test", CloseProgress.NONE);
            // a later change of the bank's setting does not change the closed day's files
            f.reference.updateBank(b.withManifestSignatures("ED25519"));

            Map<String, String> chosen =
                    Map.of(SettlementFixture.BANK_A, "ED25519,SM2", SettlementFixture.BANK_B, "SM2");
            Map<ManifestAlgorithm, X509Certificate> certificates = BankFileVerifier.certificates(signingKey);
            Map<String, byte[]> before = new HashMap<>();
            List<BankFile> files = bankFiles.filesOf(d.date());
            assertThat(files).extracting(BankFile::bankCode).containsExactlyInAnyOrderElementsOf(chosen.keySet());
            for (BankFile file : files) {
                assertThat(file.manifestSignatures()).isEqualTo(chosen.get(file.bankCode()));
                assertThat(file.manifestVersion()).isEqualTo(2);
                java.util.Set<ManifestAlgorithm> required = java.util.EnumSet.copyOf(file.signatureAlgorithms());
                BankFileVerifier.Verdict v = BankFileVerifier.verify(
                        properties.dataDir().resolve(file.folder()), file.messageId(), certificates, required);
                assertThat(v.problems()).as(file.bankCode()).isEmpty();
                assertThat(v.verified()).isEqualTo(required);
                for (String name : BankFileWriter.names(file.messageId())) {
                    before.put(name, read(file, name));
                    Files.delete(properties.dataDir().resolve(file.folder()).resolve(name));
                }
            }
            f.at(SettlementFixture.next(d.date()), LocalTime.of(9, 0));
            assertThat(f.dayClose.close(d.date(), "test", CloseProgress.NONE).rerun())
                    .isTrue();
            for (BankFile file : bankFiles.filesOf(d.date())) {
                for (String name : BankFileWriter.names(file.messageId())) {
                    assertThat(read(file, name)).as(name).isEqualTo(before.get(name));
                }
            }
        } finally {
            f.reference.updateBank(a);
            f.reference.updateBank(b);
        }
    }

    @Test
    void lateRecords_goToTheNextDay() {
        Day d = dayOfPurchases();
        f.dayClose.close(d.date(), "test", CloseProgress.NONE);
        String terminal = f.terminal(d.deptB());
        HostCardModel late = f.card(5_000, terminal, d.deptB());

        // still the calendar day of the closed business day: the record belongs to the next one
        f.upload(terminal, f.purchase(late, 1_234, terminal, d.deptB()));

        String day = jdbc.queryForObject("SELECT business_date FROM purchase WHERE asn = ?", String.class, late.asn());
        assertThat(day).isEqualTo(SettlementFixture.next(d.date()));
        assertThat(f.dayClose.closed(d.date()).gross())
                .isEqualTo(
                        d.gross().values().stream().mapToLong(Long::longValue).sum());
        // the next day's record sits in the payable, gross, until that day closes and charges the day's fee
        assertThat(payable(d.deptB())).isEqualTo(1_234);
    }

    @Test
    void aDuplicateMessageId_isImpossible() {
        Day d = dayOfPurchases();
        f.dayClose.close(d.date(), "test", CloseProgress.NONE);
        BankFile file = bankFiles.filesOf(d.date()).get(0);
        BankFile copy = new BankFile(
                file.messageId(),
                SettlementFixture.next(d.date()),
                SettlementFixture.BANK_OTHER,
                "x",
                "ICBKCNBJXXX",
                "12345678",
                "x",
                0,
                0,
                BankFile.SENT,
                "x",
                null,
                Instant.now(),
                null);

        assertThatThrownBy(() -> bankFiles.insert(copy)).isInstanceOf(DuplicateKeyException.class);
        BankFile sameDayAndBank = new BankFile(
                "CCSOTHER" + d.date(),
                file.businessDate(),
                file.bankCode(),
                "x",
                "ICBKCNBJXXX",
                "12345678",
                "x",
                0,
                0,
                BankFile.SENT,
                "x",
                null,
                Instant.now(),
                null);
        assertThatThrownBy(() -> bankFiles.insert(sameDayAndBank)).isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void aDayThatHasNotBegun_cannotBeClosed() {
        String today = f.newDay();

        assertThatThrownBy(() -> f.dayClose.close(SettlementFixture.next(today), "test", CloseProgress.NONE))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("current business day is " + today);
    }

    @Test
    void aDayWithoutPurchases_closesWithoutFiles() {
        String day = f.newDay();

        DayCloseResult r = f.dayClose.close(day, "test", CloseProgress.NONE);

        assertThat(r.purchaseCount()).isZero();
        assertThat(r.files()).isEmpty();
        assertThat(bankFiles.filesOf(day)).isEmpty();
    }
}
