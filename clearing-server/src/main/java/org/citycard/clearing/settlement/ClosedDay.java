package org.citycard.clearing.settlement;

import java.time.Instant;

/**
 * A closed business day and its totals.
 *
 * @param filesCreated the creation time written into the day's files (when the first close ran; never in the future)
 * @param journalId the settlement journal, or null when nothing was paid
 */
public record ClosedDay(
        String businessDate,
        String status,
        String filesCreated,
        long purchaseCount,
        long gross,
        long fee,
        long net,
        int paymentCount,
        long paymentTotal,
        Long journalId,
        String closedBy,
        Instant closedAt) {
    public static final String CLOSED = "CLOSED";
}
