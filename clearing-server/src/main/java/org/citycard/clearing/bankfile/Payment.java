package org.citycard.clearing.bankfile;

/**
 * One credit transfer of a bank file. Creditor details are a snapshot taken at the close.
 *
 * @param departmentCode the department paid, "0000" for a card holder's refund
 * @param asn the refunded card, or null
 * @param payeeName what the detail file names in its department-name column
 * @param purchaseCount the day's accepted purchases behind a department payment (0 for retries and refunds)
 * @param gross the day's gross of a department payment (the amount for retries and refunds)
 * @param fee the day's fee of a department payment
 * @param amount what the bank pays, fen
 * @param status SENT, ACCEPTED or REJECTED
 * @param reason why it is in the file (a retry says which rejection) or why the bank rejected it
 * @param retryOf the end-to-end IDs this payment sends again, comma separated, or null
 * @param retriedBy the retry that sent this rejected payment again, or null
 */
public record Payment(
        String endToEndId,
        String messageId,
        String businessDate,
        PaymentKind kind,
        String departmentCode,
        String asn,
        String payeeName,
        String creditorName,
        String creditorAccount,
        String creditorBank,
        String creditorBic,
        long purchaseCount,
        long gross,
        long fee,
        long amount,
        String status,
        String reason,
        String retryOf,
        String retriedBy) {
    public static final String SENT = "SENT";
    public static final String ACCEPTED = "ACCEPTED";
    public static final String REJECTED = "REJECTED";
    /** The department code in a refund's detail line. */
    public static final String NO_DEPARTMENT = "0000";
}
