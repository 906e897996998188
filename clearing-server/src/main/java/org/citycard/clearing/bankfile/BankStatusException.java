package org.citycard.clearing.bankfile;

/** A status report refused whole: nothing of it was applied. The message says what is wrong with it. */
public class BankStatusException extends RuntimeException {
    public BankStatusException(String message) {
        super(message);
    }
}
