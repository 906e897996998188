package org.citycard.clearing.ledger;

/**
 * The one fee rule: the clearing fee is charged once per department and business day, on the day's gross, at the
 * department's rate, rounded half up to the fen, and booked by that day's close (payable → fee income) in the
 * settlement journal. Ingest posts no fee: until the close a department's payable holds the gross. The share of a
 * single purchase ({@link #fee} of its amount) is only shown beside the purchase; it is never charged, so no
 * journal has to reconcile record fees with day fees.
 */
public final class FeeRule {
    private FeeRule() {}

    /** The fee on an amount in fen at a rate in basis points: amount × rate / 10 000, half up. */
    public static long fee(long amount, int feeRateBp) {
        return Math.addExact(Math.multiplyExact(amount, feeRateBp), 5_000) / 10_000;
    }
}
