package org.citycard.dictionary.wire;

import java.util.Optional;

/** The transaction-type byte of card logs, MAC and TAC inputs and uploaded records (code table transaction-type). */
public enum TransactionType {
    LOAD,
    PURCHASE,
    COMPOUND_PURCHASE,
    HOTLIST_BLOCK;

    private final String code;

    TransactionType() {
        this.code = WireCodes.codeOf("transaction-type", name());
    }

    /** The code in hex, as the offline record's record_type holds it ("06"). */
    public String code() {
        return code;
    }

    /** The code as the byte of the APDUs and MAC inputs. */
    public byte toByte() {
        return (byte) Integer.parseInt(code, 16);
    }

    public boolean isPurchase() {
        return this == PURCHASE || this == COMPOUND_PURCHASE;
    }

    public static Optional<TransactionType> of(String code) {
        for (TransactionType t : values()) {
            if (t.code.equals(code)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
