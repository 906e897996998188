package org.citycard.clearing.settlement;

import java.time.Instant;

/**
 * The refund of a cancelled card or the balance move of a replaced one.
 *
 * @param kind REFUND or REPLACEMENT
 * @param newAsn the replacing card (REPLACEMENT)
 * @param status PENDING (records still outstanding) or DONE
 * @param amount what was refunded or moved, fen (0 while pending)
 * @param reason why it is pending, or what happened
 * @param readyAt from when records the card made offline are no longer waited for
 * @param endToEndId the refund's payment in a bank file, once a day close took it up
 */
public record CardSettlement(
        String asn,
        String kind,
        String newAsn,
        String bankCode,
        String accountNumber,
        String accountName,
        String status,
        long amount,
        String reason,
        Instant requestedAt,
        Instant readyAt,
        Instant doneAt,
        Long journalId,
        String endToEndId) {
    public static final String REFUND = "REFUND";
    public static final String REPLACEMENT = "REPLACEMENT";
    public static final String PENDING = "PENDING";
    public static final String DONE = "DONE";
}
