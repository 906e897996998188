package org.citycard.clearing.settlement;

/**
 * A department's settlement of a closed day.
 *
 * @param recordFees the purchases' informative per-record shares of the fee (each half up); never charged
 * @param feeRateBp the department's rate at the close
 * @param fee the day's fee, the one charged ({@link org.citycard.clearing.ledger.FeeRule}): the department's gross ×
 *     rate / 10 000, rounded half up to the fen
 * @param net gross − fee, what the department is paid
 */
public record SettlementRow(
        String businessDate,
        String departmentCode,
        long purchaseCount,
        long gross,
        long recordFees,
        int feeRateBp,
        long fee,
        long net) {

    /** The fee on a department's day total, half up in fen. */
    public static long dayFee(long gross, int feeRateBp) {
        return org.citycard.clearing.ledger.FeeRule.fee(gross, feeRateBp);
    }
}
