package org.citycard.clearing.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.concurrent.atomic.AtomicInteger;
import org.citycard.clearing.ingest.BatchResult;
import org.citycard.clearing.ingest.BatchUpload;
import org.citycard.clearing.ingest.IngestService;
import org.citycard.clearing.load.LoadAuthoriser;
import org.citycard.clearing.load.LoadCompletion;
import org.citycard.clearing.load.LoadMessages;
import org.citycard.clearing.reference.Bank;
import org.citycard.clearing.reference.Card;
import org.citycard.clearing.reference.CardStates;
import org.citycard.clearing.reference.Department;
import org.citycard.clearing.reference.ReferenceService;
import org.citycard.clearing.reference.Terminal;
import org.citycard.clearing.support.BusinessCalendar;
import org.citycard.clearing.support.MutableClock;
import org.citycard.clearing.support.NotFoundException;
import org.citycard.clearing.support.TestData;
import org.citycard.clearing.testing.HostCardModel;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.dictionary.record.OfflineRecord;
import org.citycard.dictionary.wire.ResponseCode;
import org.springframework.context.ApplicationContext;

/** Banks, departments, terminals, loaded cards, purchases and uploads on a business day the test picks. */
public final class SettlementFixture {
    public static final KeySet KEYS = KeySet.demo();
    public static final String BANK_A = "102100099996";
    public static final String BANK_B = "105100000017";
    /** A bank the clearing centre has no account at: its departments are paid through the default bank. */
    public static final String BANK_OTHER = "313100000013";

    private static final AtomicInteger DAYS = new AtomicInteger();
    private static final AtomicInteger STAN = new AtomicInteger();
    private static final AtomicInteger BATCH = new AtomicInteger();
    private static final java.util.concurrent.atomic.AtomicLong TTSN = new java.util.concurrent.atomic.AtomicLong(1);

    public final MutableClock clock;
    public final ReferenceService reference;
    public final IngestService ingest;
    public final DayCloseService dayClose;
    private final LoadAuthoriser authoriser;
    private final LoadCompletion completion;

    public SettlementFixture(ApplicationContext ctx) {
        this.clock = ctx.getBean(MutableClock.class);
        this.reference = ctx.getBean(ReferenceService.class);
        this.ingest = ctx.getBean(IngestService.class);
        this.dayClose = ctx.getBean(DayCloseService.class);
        this.authoriser = ctx.getBean(LoadAuthoriser.class);
        this.completion = ctx.getBean(LoadCompletion.class);
        banks();
    }

    /** The two banks the centre pays through (created once per database). */
    void banks() {
        bank(new Bank(BANK_A, "中国工商银行", "ICBKCNBJXXX", "0200001009000012345", "城市一卡通清算中心"));
        bank(new Bank(BANK_B, "中国建设银行", "PCBCCNBJXXX", "11001001900053000001", "城市一卡通清算中心"));
    }

    private void bank(Bank b) {
        try {
            reference.bank(b.bankCode());
        } catch (NotFoundException e) {
            reference.createBank(b);
        }
    }

    /** A business day no other test uses, with the clock at 10:00 on it. */
    public String newDay() {
        String day =
                LocalDate.of(2031, 1, 1).plusDays(3L * DAYS.incrementAndGet()).format(BusinessCalendar.YYYYMMDD);
        at(day, LocalTime.of(10, 0));
        return day;
    }

    public void at(String day, LocalTime time) {
        clock.set(day, time);
    }

    public static String next(String day) {
        return LocalDate.parse(day, BusinessCalendar.YYYYMMDD).plusDays(1).format(BusinessCalendar.YYYYMMDD);
    }

    public String department(String bankCode, int feeRateBp) {
        return department(bankCode, feeRateBp, "02");
    }

    /** A department of a category of the dictionary's department-category table. */
    public String department(String bankCode, int feeRateBp, String category) {
        String code = String.format("%04d", TestData.unique() % 9_000 + 1_000);
        while (exists(code)) {
            code = String.format("%04d", TestData.unique() % 9_000 + 1_000);
        }
        reference.createDepartment(new Department(
                code, "结算部门" + code, category, bankCode, "62220" + code + "00112233", "结算部门" + code + "账户", feeRateBp));
        return code;
    }

    private boolean exists(String code) {
        try {
            reference.department(code);
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /**
     * A kiosk of the clearing centre (its department is of category 99, which collects for any department): one
     * terminal that takes bills for several departments, as the centre's kiosks do.
     */
    public String kiosk() {
        return terminal(department(BANK_A, 0, "99"));
    }

    public String terminal(String department) {
        String id = String.format("%012d", TestData.unique() % 1_000_000_000_000L);
        reference.createTerminal(new Terminal(
                id,
                department,
                String.format("%020d", TestData.unique()),
                true,
                org.citycard.dictionary.wire.TerminalType.COUNTER.code()));
        return id;
    }

    /** A registered card loaded with {@code amount} fen at {@code terminal}. */
    public HostCardModel card(long amount, String terminal, String department) {
        String asn = "3177" + String.format("%016d", TestData.unique());
        reference.registerCard(new Card(asn, CardStates.ACTIVE, null), 0);
        HostCardModel card = new HostCardModel(KEYS, asn, 0, 0, 0);
        load(card, amount, terminal, department);
        return card;
    }

    public void load(HostCardModel card, long amount, String terminal, String department) {
        String[] now = now();
        String stan = String.format("%06d", STAN.incrementAndGet() % 999_999 + 1);
        LoadMessages.AuthorisationAnswer a = authoriser.authorise(new LoadMessages.Authorisation(
                terminal,
                stan,
                card.asn(),
                "600000",
                amount,
                now[0],
                now[1],
                department,
                card.initializeForLoad(amount, terminal)));
        assertThat(a.code()).isEqualTo(ResponseCode.APPROVED);
        byte[] tac = card.creditForLoad(a.hostData());
        assertThat(completion.complete(
                        new LoadMessages.Completion(terminal, stan, now[0], card.asn(), amount, a.rrn(), tac)))
                .isEqualTo(ResponseCode.APPROVED);
    }

    public byte[] purchase(HostCardModel card, long amount, String terminal, String department) {
        String[] now = now();
        return card.purchase(amount, terminal, TTSN.incrementAndGet(), now[0], now[1], department, "BILL");
    }

    public BatchResult upload(String terminal, byte[]... records) {
        byte[] all = new byte[records.length * OfflineRecord.SIZE];
        for (int i = 0; i < records.length; i++) {
            System.arraycopy(records[i], 0, all, i * OfflineRecord.SIZE, OfflineRecord.SIZE);
        }
        String number = String.format("%06d", BATCH.incrementAndGet() % 999_999 + 1);
        IngestService.Outcome o = ingest.ingest(new BatchUpload(terminal, number, "000001", records.length, all));
        assertThat(o).isInstanceOf(IngestService.Outcome.Done.class);
        return ((IngestService.Outcome.Done) o).result();
    }

    /** The clock's date and time in the business zone. */
    public String[] now() {
        java.time.LocalDateTime t = java.time.LocalDateTime.ofInstant(clock.instant(), MutableClock.BUSINESS_ZONE);
        return new String[] {
            t.format(BusinessCalendar.YYYYMMDD), t.format(java.time.format.DateTimeFormatter.ofPattern("HHmmss"))
        };
    }
}
