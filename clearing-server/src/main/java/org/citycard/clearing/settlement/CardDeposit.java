package org.citycard.clearing.settlement;

import java.time.Instant;

/**
 * The deposit (押金) of a card.
 *
 * @param amount fen, positive
 * @param status HELD, REFUNDED or MOVED
 * @param refundMode BANK (with the card's refund in the next bank file) or CASH (at the counter), once refunded
 * @param movedFrom the replaced card whose deposit this is
 * @param movedTo the replacing card that took this deposit
 */
public record CardDeposit(
        String asn,
        long amount,
        String status,
        String refundMode,
        String movedFrom,
        String movedTo,
        long takenJournalId,
        Long closedJournalId,
        Instant takenAt,
        Instant closedAt) {
    public static final String HELD = "HELD";
    public static final String REFUNDED = "REFUNDED";
    public static final String MOVED = "MOVED";
    public static final String BANK = "BANK";
    public static final String CASH = "CASH";
}
