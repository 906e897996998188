package org.citycard.clearing.settlement;

import java.util.List;
import org.citycard.clearing.bankfile.FileSet;

/**
 * What a day close did, or for a rerun what it had done.
 *
 * @param rerun true when the day was closed before: nothing was booked, the files were written again
 * @param files per paying bank, the written files
 */
public record DayCloseResult(
        String businessDate,
        boolean rerun,
        long purchaseCount,
        long gross,
        long fee,
        long net,
        int paymentCount,
        long paymentTotal,
        List<SettlementRow> departments,
        List<BankFileSummary> files) {

    /** One bank's files of the day. */
    public record BankFileSummary(
            String messageId,
            String bankCode,
            String bankName,
            int transactions,
            long total,
            String status,
            String folder,
            List<FileSet.WrittenFile> files) {}
}
