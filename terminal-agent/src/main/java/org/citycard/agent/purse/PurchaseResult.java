package org.citycard.agent.purse;

/**
 * A purchase the card proved, journaled before this object exists.
 *
 * @param recovered true when this is a purchase whose answer had been lost and the card proved on this tap
 * @param fare the fare charged and why (a concession card); null for a recovered purchase. A free ride has amount
 *     0, no TAC, offline seq -1 and the free ride's journal id
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
        boolean recovered,
        FareRules.Fare fare) {}
