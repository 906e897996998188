package org.citycard.clearing.reference;

/**
 * A department that accepts the card (transit, water, hospital …) and is paid by the clearing centre.
 *
 * @param category a code of the dictionary's department-category table
 * @param feeRateBp the clearing fee in basis points (1 bp = 0.01 %), charged on the department's day total
 *     ({@link org.citycard.clearing.ledger.FeeRule})
 */
public record Department(
        String code,
        String name,
        String category,
        String bankCode,
        String accountNumber,
        String accountName,
        int feeRateBp) {

    /**
     * The fee on an amount in fen at this department's rate ({@link org.citycard.clearing.ledger.FeeRule}): charged on
     * the day's gross by the close; of one purchase's amount it is only that purchase's informative share.
     */
    public long feeOf(long amount) {
        return org.citycard.clearing.ledger.FeeRule.fee(amount, feeRateBp);
    }
}
