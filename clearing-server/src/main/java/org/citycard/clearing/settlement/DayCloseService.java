package org.citycard.clearing.settlement;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.citycard.clearing.bankfile.BankFile;
import org.citycard.clearing.bankfile.BankFileRepository;
import org.citycard.clearing.bankfile.BankFileWriter;
import org.citycard.clearing.bankfile.FileSet;
import org.citycard.clearing.support.BusinessCalendar;
import org.citycard.clearing.support.Checks;
import org.citycard.clearing.support.ClosedDays;
import org.citycard.clearing.support.DayGate;
import org.citycard.clearing.support.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Closes a business day: pending refunds and balance moves whose cards are ready are finished, the day is booked
 * ({@link DayCloseBooking}) in one transaction behind the {@link DayGate} (batches in progress finish first, later
 * ones go to the next open day), then every paying bank's files are written and signed. A closed day closed again
 * books nothing and writes its files again from the stored payments: the same bytes, checked against the manifest
 * digest recorded by the first close.
 */
@Service
public class DayCloseService {
    private static final Logger log = LoggerFactory.getLogger(DayCloseService.class);

    private final DayCloseBooking booking;
    private final CardSettlementService cards;
    private final SettlementRepository settlements;
    private final BankFileRepository bankFiles;
    private final BankFileWriter writer;
    private final BusinessCalendar calendar;
    private final ClosedDays closedDays;
    private final DayGate gate;
    private final TransactionTemplate tx;

    public DayCloseService(
            DayCloseBooking booking,
            CardSettlementService cards,
            SettlementRepository settlements,
            BankFileRepository bankFiles,
            BankFileWriter writer,
            BusinessCalendar calendar,
            ClosedDays closedDays,
            DayGate gate,
            PlatformTransactionManager transactions) {
        this.booking = booking;
        this.cards = cards;
        this.settlements = settlements;
        this.bankFiles = bankFiles;
        this.writer = writer;
        this.calendar = calendar;
        this.closedDays = closedDays;
        this.gate = gate;
        this.tx = new TransactionTemplate(transactions);
    }

    private org.springframework.context.ApplicationEventPublisher events = e -> {};

    @org.springframework.beans.factory.annotation.Autowired
    void setEvents(org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
    }

    /** The business day a close without a date closes: the one before the current open day. */
    public String defaultDay() {
        return java.time.LocalDate.parse(calendar.currentBusinessDate(), BusinessCalendar.YYYYMMDD)
                .minusDays(1)
                .format(BusinessCalendar.YYYYMMDD);
    }

    public DayCloseResult close(String date, String closedBy, CloseProgress progress) {
        Checks.element("date", "business_date", date);
        String current = calendar.currentBusinessDate();
        Checks.require(
                date.compareTo(current) <= 0,
                "date",
                date,
                "a day that has begun: the current business day is " + current);
        progress.steps(4);
        boolean rerun = settlements.day(date).isPresent();
        if (!rerun) {
            int finished = cards.finishReady();
            progress.step("refunds and balance moves ready: " + finished);
            Boolean booked = gate.closing(() -> {
                Boolean b = tx.execute(s -> {
                    gate.enterClosing(date); // on a shared database: the day's bookings on every instance first
                    if (settlements.day(date).isPresent()) {
                        return false; // closed meanwhile by another request
                    }
                    booking.book(date, closedBy);
                    return true;
                });
                closedDays.add(date);
                return b;
            });
            rerun = !Boolean.TRUE.equals(booked);
            progress.step("day " + date + " frozen and booked");
        } else {
            progress.step("day " + date + " was closed before: nothing is booked again");
            progress.step("rerun");
        }
        List<BankFile> files = bankFiles.filesOf(date);
        progress.steps(3 + files.size());
        // the creation time the close recorded: a later change of the cut-off does not change a rerun's bytes
        OffsetDateTime created =
                OffsetDateTime.parse(settlements.day(date).orElseThrow().filesCreated());
        List<DayCloseResult.BankFileSummary> written = new ArrayList<>();
        for (BankFile f : files) {
            FileSet set = writer.write(f, bankFiles.payments(f.messageId()), created);
            if (f.manifestSha256() == null) {
                bankFiles.setManifest(f.messageId(), set.manifestSha256());
            } else if (!f.manifestSha256().equals(set.manifestSha256())) {
                throw new IllegalStateException("the files of " + f.messageId() + " written again differ from the"
                        + " first close's (manifest SHA-256 " + set.manifestSha256() + ", recorded "
                        + f.manifestSha256() + "): the stored payments or the signing key changed");
            }
            written.add(summary(f, set));
            progress.step("bank " + f.bankCode() + ": " + f.txCount() + " payments, " + f.ctrlSum() + " fen");
        }
        ClosedDay day = settlements.day(date).orElseThrow();
        log.info(
                "day {} {}: {} purchases, gross {} fen, fee {} fen, net {} fen; {} payments in {} bank files",
                date,
                rerun ? "closed again (nothing booked)" : "closed",
                day.purchaseCount(),
                day.gross(),
                day.fee(),
                day.net(),
                day.paymentCount(),
                files.size());
        progress.step("done");
        events.publishEvent(new DayClosedEvent(date, rerun));
        return new DayCloseResult(
                date,
                rerun,
                day.purchaseCount(),
                day.gross(),
                day.fee(),
                day.net(),
                day.paymentCount(),
                day.paymentTotal(),
                settlements.settlements(date),
                written);
    }

    /** A closed day's settlement and files as recorded (no files are written). */
    public DayCloseResult closed(String date) {
        Checks.element("date", "business_date", date);
        ClosedDay day = settlements
                .day(date)
                .orElseThrow(() -> new NotFoundException("business day " + date + " is not closed"));
        List<DayCloseResult.BankFileSummary> files = new ArrayList<>();
        for (BankFile f : bankFiles.filesOf(date)) {
            List<FileSet.WrittenFile> names = BankFileWriter.names(f.messageId()).stream()
                    .map(n -> new FileSet.WrittenFile(
                            n, writer.find(f, n).map(DayCloseService::size).orElse(-1L), null, 0, 0))
                    .toList();
            files.add(summary(f, new FileSet(f.messageId(), f.folder(), names, f.manifestSha256())));
        }
        return new DayCloseResult(
                date,
                true,
                day.purchaseCount(),
                day.gross(),
                day.fee(),
                day.net(),
                day.paymentCount(),
                day.paymentTotal(),
                settlements.settlements(date),
                files);
    }

    public List<ClosedDay> closedDays(int limit) {
        return settlements.days(limit);
    }

    public Optional<ClosedDay> closedDay(String date) {
        return settlements.day(date);
    }

    private static DayCloseResult.BankFileSummary summary(BankFile f, FileSet set) {
        return new DayCloseResult.BankFileSummary(
                f.messageId(),
                f.bankCode(),
                f.bankName(),
                f.txCount(),
                f.ctrlSum(),
                f.status(),
                f.folder(),
                set.files());
    }

    private static long size(java.nio.file.Path p) {
        try {
            return java.nio.file.Files.size(p);
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
