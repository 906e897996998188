package org.citycard.clearing.settlement;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.citycard.clearing.bankfile.BankFile;
import org.citycard.clearing.bankfile.BankFileRepository;
import org.citycard.clearing.bankfile.BankFileWriter;
import org.citycard.clearing.bankfile.Payment;
import org.citycard.clearing.ledger.Account;
import org.citycard.clearing.ledger.PostingLine;
import org.citycard.clearing.reference.Bank;
import org.springframework.stereotype.Component;

/**
 * The bank-file rows of a close: per paying bank one file (message ID of day and bank, count, control sum) with its
 * payments in end-to-end order, and the settlement lines they instruct (payable → settlement in transit). The files
 * themselves are written after the commit ({@link DayCloseService}).
 */
@Component
class BankFileBooking {
    private final BankFileRepository bankFiles;

    BankFileBooking(BankFileRepository bankFiles) {
        this.bankFiles = bankFiles;
    }

    /** Stores the files and their payments; returns the settlement lines of every payment in them. */
    List<PostingLine> book(String date, Map<String, List<Payment>> byBank, Map<String, Bank> banks, Instant now) {
        List<PostingLine> settlement = new ArrayList<>();
        for (Map.Entry<String, List<Payment>> e : byBank.entrySet()) {
            Bank bank = banks.get(e.getKey());
            String messageId = BankFile.messageIdOf(date, bank.bankCode());
            List<Payment> inFile = e.getValue().stream()
                    .map(p -> withMessage(p, messageId))
                    .sorted(Comparator.comparing(Payment::endToEndId))
                    .toList();
            long sum = inFile.stream().mapToLong(Payment::amount).sum();
            bankFiles.insert(new BankFile(
                    messageId,
                    date,
                    bank.bankCode(),
                    bank.name(),
                    bank.bic(),
                    bank.settlementAccount(),
                    bank.settlementAccountName(),
                    inFile.size(),
                    sum,
                    BankFile.SENT,
                    BankFileWriter.folderOf(date, bank.bankCode()),
                    null,
                    now,
                    null,
                    bank.manifestSignatures(),
                    BankFile.MANIFEST_VERSION));
            bankFiles.insert(inFile);
            for (Payment p : inFile) {
                settlement.addAll(settlementLines(p));
            }
        }
        return settlement;
    }

    /** Payable → in transit, per department (department payments and their retries) or per card (refunds). */
    static List<PostingLine> settlementLines(Payment p) {
        if (p.asn() != null) {
            return List.of(
                    PostingLine.debit(Account.REFUND_PAYABLE, p.asn(), null, p.amount()),
                    PostingLine.credit(Account.SETTLEMENT_IN_TRANSIT, p.asn(), null, p.amount()));
        }
        return List.of(
                PostingLine.debit(Account.DEPARTMENT_PAYABLE, null, p.departmentCode(), p.amount()),
                PostingLine.credit(Account.SETTLEMENT_IN_TRANSIT, null, p.departmentCode(), p.amount()));
    }

    private static Payment withMessage(Payment p, String messageId) {
        return new Payment(
                p.endToEndId(),
                messageId,
                p.businessDate(),
                p.kind(),
                p.departmentCode(),
                p.asn(),
                p.payeeName(),
                p.creditorName(),
                p.creditorAccount(),
                p.creditorBank(),
                p.creditorBic(),
                p.purchaseCount(),
                p.gross(),
                p.fee(),
                p.amount(),
                p.status(),
                p.reason(),
                p.retryOf(),
                p.retriedBy());
    }
}
