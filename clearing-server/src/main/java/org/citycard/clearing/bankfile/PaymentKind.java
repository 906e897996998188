package org.citycard.clearing.bankfile;

/** What a credit transfer of a bank file pays; the letter starts its end-to-end ID. */
public enum PaymentKind {
    /** A department's net of a closed day. */
    DEPARTMENT("D"),
    /** A department's or a card holder's payment rejected by the bank before, sent again. */
    RETRY("R"),
    /** The balance of a cancelled card, to the holder's account. */
    REFUND("F");

    private final String prefix;

    PaymentKind(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }
}
