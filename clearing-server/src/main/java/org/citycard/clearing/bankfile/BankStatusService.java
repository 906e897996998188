package org.citycard.clearing.bankfile;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.citycard.clearing.ledger.Account;
import org.citycard.clearing.ledger.JournalKind;
import org.citycard.clearing.ledger.LedgerService;
import org.citycard.clearing.ledger.PostingLine;
import org.citycard.clearing.support.BusinessCalendar;
import org.citycard.dictionary.codec.Hex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies a bank's pain.002 status report to the payments of the file it reports on: accepted payments close
 * (settlement in transit → the bank settlement account), rejected ones go back to their payable with the bank's
 * reason and are sent again by the next day close. A report is checked whole first — it must name a file the centre
 * sent, its counts, sums, payment-information ID, end-to-end IDs and amounts must match that file, and it must not
 * contradict an earlier report — and is refused whole otherwise: nothing changes. The same report again is
 * answered as applied before.
 */
@Service
public class BankStatusService {
    private static final Logger log = LoggerFactory.getLogger(BankStatusService.class);
    /** Transaction statuses that close a payment. */
    static final Set<String> ACCEPTING = Set.of("ACCP", "ACSC", "ACSP", "ACWC");

    static final String REJECTING = "RJCT";

    private final BankFileRepository files;
    private final LedgerService ledger;
    private final BusinessCalendar calendar;
    private final Clock clock;

    public BankStatusService(BankFileRepository files, LedgerService ledger, BusinessCalendar calendar, Clock clock) {
        this.files = files;
        this.ledger = ledger;
        this.calendar = calendar;
        this.clock = clock;
    }

    /**
     * What a report did.
     *
     * @param pending payments of the file still without a final status
     * @param appliedBefore true when this very report had been applied before (nothing changed now)
     */
    public record Outcome(
            String reportId,
            String messageId,
            int accepted,
            int rejected,
            int pending,
            String fileStatus,
            boolean appliedBefore) {}

    @Transactional
    public Outcome apply(byte[] xml) {
        StatusReport report = StatusReportParser.parse(xml);
        String digest = Hex.of(sha256(xml)).toLowerCase(java.util.Locale.ROOT);
        BankFile file = files.file(report.originalMessageId())
                .orElseThrow(() -> new BankStatusException("status report " + report.reportId()
                        + " names MsgId " + report.originalMessageId()
                        + ", which no bank file of the clearing centre carries"));
        Optional<String[]> before = files.statusReport(report.reportId());
        if (before.isPresent()) {
            if (!before.get()[1].equals(digest)) {
                throw new BankStatusException("status report " + report.reportId()
                        + " was applied before with other content; a bank sends a new report under a new MsgId");
            }
            return outcome(report, file, 0, 0, true);
        }
        Map<String, Payment> payments = new LinkedHashMap<>();
        files.payments(file.messageId()).forEach(p -> payments.put(p.endToEndId(), p));
        Map<String, String[]> decided = decide(report, file, payments);

        Instant now = clock.instant();
        List<PostingLine> acceptedLines = new ArrayList<>();
        List<PostingLine> rejectedLines = new ArrayList<>();
        int accepted = 0;
        int rejected = 0;
        for (Map.Entry<String, String[]> e : decided.entrySet()) {
            Payment p = payments.get(e.getKey());
            String status = e.getValue()[0];
            if (status.equals(p.status())) {
                continue; // said before by another report
            }
            if (Payment.ACCEPTED.equals(status)) {
                acceptedLines.add(inTransit(p));
                acceptedLines.add(
                        p.asn() != null
                                ? PostingLine.credit(Account.BANK_SETTLEMENT, p.asn(), null, p.amount())
                                : PostingLine.credit(Account.BANK_SETTLEMENT, null, p.departmentCode(), p.amount()));
                files.setPaymentStatus(p.endToEndId(), Payment.ACCEPTED, p.reason(), now);
                accepted++;
            } else {
                rejectedLines.add(inTransit(p));
                rejectedLines.add(
                        p.asn() != null
                                ? PostingLine.credit(Account.REFUND_PAYABLE, p.asn(), null, p.amount())
                                : PostingLine.credit(Account.DEPARTMENT_PAYABLE, null, p.departmentCode(), p.amount()));
                files.setPaymentStatus(p.endToEndId(), Payment.REJECTED, e.getValue()[1], now);
                rejected++;
            }
        }
        String day = calendar.currentBusinessDate();
        if (!acceptedLines.isEmpty()) {
            ledger.post(JournalKind.BANK_ACCEPTED, day, "st " + report.reportId(), null, acceptedLines);
        }
        if (!rejectedLines.isEmpty()) {
            ledger.post(JournalKind.BANK_REJECTED, day, "st " + report.reportId(), null, rejectedLines);
        }
        String fileStatus = fileStatus(files.payments(file.messageId()));
        files.setFileStatus(file.messageId(), fileStatus, now);
        files.insertStatusReport(report.reportId(), file.messageId(), digest, accepted, rejected, now);
        log.info(
                "status report {} for {}: {} accepted, {} rejected (re-queued for the next day close); file {}",
                report.reportId(),
                file.messageId(),
                accepted,
                rejected,
                fileStatus);
        return outcome(report, files.file(file.messageId()).orElseThrow(), accepted, rejected, false);
    }

    /** Per end-to-end ID the final status the report gives (ACCEPTED / REJECTED) and the reason; checks all. */
    private static Map<String, String[]> decide(StatusReport r, BankFile file, Map<String, Payment> payments) {
        String name = r.originalMessageName();
        if (name != null && !name.isBlank() && !name.startsWith("pain.001.001.03")) {
            throw new BankStatusException("status report " + r.reportId() + " reports on a " + name + "; file "
                    + file.messageId() + " is a pain.001.001.03");
        }
        check(r.originalCount(), file.txCount(), "OrgnlNbOfTxs", file);
        check(r.originalSum(), file.ctrlSum(), "OrgnlCtrlSum (fen)", file);
        Map<String, String[]> decided = new HashMap<>();
        for (StatusReport.PaymentInformation pi : r.paymentInformation()) {
            if (!file.paymentInformationId().equals(pi.id())) {
                throw new BankStatusException("status report " + r.reportId() + " names payment information " + pi.id()
                        + "; file " + file.messageId() + " has only " + file.paymentInformationId());
            }
            check(pi.count(), file.txCount(), "OrgnlNbOfTxs of " + pi.id(), file);
            check(pi.sum(), file.ctrlSum(), "OrgnlCtrlSum of " + pi.id() + " (fen)", file);
            for (StatusReport.TransactionStatus t : pi.transactions()) {
                Payment p = payments.get(t.endToEndId());
                if (p == null) {
                    throw new BankStatusException("status report " + r.reportId() + " names end-to-end ID "
                            + t.endToEndId() + ", which is not a payment of file " + file.messageId());
                }
                if (t.amount() != null && (t.amount() != p.amount() || !Pain001Builder.CURRENCY.equals(t.currency()))) {
                    throw new BankStatusException("status report " + r.reportId() + " gives " + t.endToEndId()
                            + " the amount " + t.amount() + " fen " + t.currency() + "; the file paid " + p.amount()
                            + " fen CNY");
                }
                String status = t.status() != null ? t.status() : pi.status();
                String[] d = verdict(status, t.reason() != null ? t.reason() : pi.reason());
                if (d != null && decided.put(t.endToEndId(), d) != null) {
                    throw new BankStatusException(
                            "status report " + r.reportId() + " names end-to-end ID " + t.endToEndId() + " twice");
                }
            }
            String[] whole = verdict(pi.status(), pi.reason());
            if (whole != null && pi.transactions().isEmpty()) {
                payments.keySet().forEach(id -> decided.putIfAbsent(id, whole));
            }
        }
        String[] group = verdict(r.groupStatus(), r.groupReason());
        if (group != null) {
            payments.keySet().forEach(id -> decided.putIfAbsent(id, group));
        }
        for (Map.Entry<String, String[]> e : decided.entrySet()) {
            Payment p = payments.get(e.getKey());
            if (!Payment.SENT.equals(p.status()) && !p.status().equals(e.getValue()[0])) {
                throw new BankStatusException("payment " + p.endToEndId() + " was " + p.status()
                        + " by an earlier status report; report " + r.reportId() + " says " + e.getValue()[0]);
            }
        }
        return decided;
    }

    /** ACCEPTED or REJECTED with the reason, or null when the status closes nothing (PDNG, ACTC, PART, none). */
    private static String[] verdict(String status, String reason) {
        if (status == null) {
            return null;
        }
        if (ACCEPTING.contains(status)) {
            return new String[] {Payment.ACCEPTED, null};
        }
        if (REJECTING.equals(status)) {
            return new String[] {Payment.REJECTED, "bank: " + (reason == null ? "no reason given" : reason)};
        }
        return null;
    }

    private static void check(Object given, long expected, String what, BankFile file) {
        if (given != null && ((Number) given).longValue() != expected) {
            throw new BankStatusException(
                    what + " " + given + " does not match file " + file.messageId() + " (" + expected + ")");
        }
    }

    private static PostingLine inTransit(Payment p) {
        return p.asn() != null
                ? PostingLine.debit(Account.SETTLEMENT_IN_TRANSIT, p.asn(), null, p.amount())
                : PostingLine.debit(Account.SETTLEMENT_IN_TRANSIT, null, p.departmentCode(), p.amount());
    }

    static String fileStatus(List<Payment> payments) {
        long accepted = payments.stream()
                .filter(p -> Payment.ACCEPTED.equals(p.status()))
                .count();
        long rejected = payments.stream()
                .filter(p -> Payment.REJECTED.equals(p.status()))
                .count();
        if (accepted == payments.size()) {
            return BankFile.ACCEPTED;
        }
        if (rejected == payments.size()) {
            return BankFile.REJECTED;
        }
        return rejected > 0 ? BankFile.PARTLY_REJECTED : BankFile.SENT;
    }

    private Outcome outcome(StatusReport r, BankFile file, int accepted, int rejected, boolean before) {
        int pending = (int) files.payments(file.messageId()).stream()
                .filter(p -> Payment.SENT.equals(p.status()))
                .count();
        return new Outcome(r.reportId(), file.messageId(), accepted, rejected, pending, file.status(), before);
    }

    private static byte[] sha256(byte[] content) {
        MessageDigest md = DetailFileBuilder.sha256();
        return md.digest(content);
    }
}
