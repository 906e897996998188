package org.citycard.clearing.reference;

/**
 * A department that accepts the card (transit, water, hospital …) and is paid by the clearing centre.
 *
 * @param category a code of the dictionary's department-category table
 * @param feeRateBp the clearing fee in basis points of each purchase (1 bp = 0.01 %)
 */
public record Department(
        String code,
        String name,
        String category,
        String bankCode,
        String accountNumber,
        String accountName,
        int feeRateBp) {

    /** The fee of one purchase in fen: amount × rate / 10 000, rounded half up. */
    public long feeOf(long amount) {
        return (amount * feeRateBp + 5_000) / 10_000;
    }
}
