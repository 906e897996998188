package org.citycard.agent.purse;

/** A load the card took (its TAC journaled) or one that did not happen, with why. */
public record LoadResult(
        String asn,
        long amount,
        long balanceAfter,
        boolean credited,
        String responseCode,
        String message,
        long journalId) {}
