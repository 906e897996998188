package org.citycard.agent.purse;

import org.citycard.dictionary.wire.TransactionType;

/** Transaction type codes as the journal and the offline record hold them: the dictionary's {@link TransactionType}. */
final class TxTypes {
    static final String PURCHASE = TransactionType.PURCHASE.code();
    static final String COMPOUND_PURCHASE = TransactionType.COMPOUND_PURCHASE.code();
    static final String LOAD = TransactionType.LOAD.code();
    static final String HOTLIST_BLOCK = TransactionType.HOTLIST_BLOCK.code();

    private TxTypes() {}

    static byte toByte(String code) {
        return TransactionType.of(code)
                .orElseThrow(() -> new IllegalArgumentException("not a transaction-type code: " + code))
                .toByte();
    }
}
