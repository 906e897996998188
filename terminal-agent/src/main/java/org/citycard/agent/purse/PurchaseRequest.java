package org.citycard.agent.purse;

import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.validate.Rules;

/**
 * A purchase to make on the next tap.
 *
 * @param department the department code (4 digits) the money goes to
 * @param payee the payee reference, for example a water bill number (up to 20 characters, may be empty)
 * @param departmentCategory for a compound purchase: the category whose SFI 17 record is updated; null for a
 *     plain purchase
 */
public record PurchaseRequest(long amount, String department, String payee, String departmentCategory) {
    public PurchaseRequest {
        if (amount <= 0) {
            throw new IllegalArgumentException("amount " + amount + " fen: a purchase is at least 1 fen");
        }
        Rules.checkElement(Dictionary.standard(), "department_code", department);
        payee = payee == null ? "" : payee;
        if (payee.length() > 20 || !payee.matches("[\\x20-\\x7E]*")) {
            throw new IllegalArgumentException("payee reference '" + payee + "': up to 20 ASCII characters");
        }
    }

    public boolean compound() {
        return departmentCategory != null;
    }
}
