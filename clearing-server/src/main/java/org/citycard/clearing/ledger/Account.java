package org.citycard.clearing.ledger;

/**
 * The ledger's accounts. Assets grow with debits, liabilities and income with credits. The purse float has a
 * sub-ledger per card: loads, refunds and balance moves post with the ASN; purchases post once per batch without
 * one, and their card detail is the purchase rows of that journal. Payables and fees carry the department.
 */
public enum Account {
    /** Cash taken at counters for loads. */
    CASH_COLLECTION(Side.DEBIT),
    /** Loads paid from a citizen's bank account, to be collected from the bank. */
    BANK_COLLECTION(Side.DEBIT),
    /** Loads authorised (0110 approved) whose completion (0220 with TAC) or reversal has not arrived. */
    LOAD_SUSPENSE(Side.CREDIT),
    /** The citizens' purse money: what the cards hold as far as the server knows. */
    PURSE_FLOAT(Side.CREDIT),
    /**
     * What the clearing centre owes each department for accepted purchases: their gross until the day close charges
     * the day's fee ({@link FeeRule}) and instructs the payment.
     */
    DEPARTMENT_PAYABLE(Side.CREDIT),
    /** The clearing centre's fees, one per department and closed business day. */
    FEE_INCOME(Side.CREDIT),
    /** Payments instructed to a bank in a closed day's clearing file whose status report has not said accepted. */
    SETTLEMENT_IN_TRANSIT(Side.CREDIT),
    /** The clearing centre's settlement accounts at the banks: credited with what the banks paid out. */
    BANK_SETTLEMENT(Side.DEBIT),
    /** Balances of cancelled cards owed to their holders until the refund is paid (sub-ledger per card). */
    REFUND_PAYABLE(Side.CREDIT),
    /**
     * Deposits (押金) taken when cards were issued, owed back to their holders when the card is returned (sub-ledger
     * per card): credited against cash collection at issue, debited by the refund (to refund payable or cash) or
     * moved to the replacing card.
     */
    CARD_DEPOSIT(Side.CREDIT);

    private final Side normal;

    Account(Side normal) {
        this.normal = normal;
    }

    /** The side on which the balance of this account is positive. */
    public Side normalSide() {
        return normal;
    }

    /** Balance in the account's normal sense from its debit and credit totals. */
    public long balance(long debits, long credits) {
        return normal == Side.DEBIT ? debits - credits : credits - debits;
    }

    public enum Side {
        DEBIT,
        CREDIT
    }
}
