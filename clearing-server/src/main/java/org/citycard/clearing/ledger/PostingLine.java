package org.citycard.clearing.ledger;

/**
 * One line of a journal: exactly one of {@code debit} and {@code credit} is positive.
 *
 * @param asn the card, on purse-float lines
 * @param departmentCode the department, on payable and fee lines
 */
public record PostingLine(Account account, String asn, String departmentCode, long debit, long credit) {
    public PostingLine {
        if (debit < 0 || credit < 0 || (debit == 0) == (credit == 0)) {
            throw new IllegalArgumentException("a posting line has exactly one positive side: " + account + " debit "
                    + debit + " credit " + credit);
        }
    }

    public static PostingLine debit(Account account, String asn, String department, long amount) {
        return new PostingLine(account, asn, department, amount, 0);
    }

    public static PostingLine credit(Account account, String asn, String department, long amount) {
        return new PostingLine(account, asn, department, 0, amount);
    }
}
