package org.citycard.agent.purse;

/**
 * A purchase the card proved, journaled before this object exists.
 *
 * @param recovered true when this is a purchase whose answer had been lost and the card proved on this tap
 */
public record PurchaseResult(
        String asn,
        long amount,
        long balanceAfter,
        int offlineSeq,
        long ttsn,
        String tac,
        long journalId,
        String department,
        String payee,
        String date,
        String time,
        boolean recovered) {}
