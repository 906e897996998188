package org.citycard.clearing.ingest;

import org.citycard.dictionary.wire.TransactionType;

/** Transaction-type codes as the offline record holds them: the dictionary's {@link TransactionType}. */
public final class RecordTypes {
    public static final String LOAD = TransactionType.LOAD.code();
    public static final String PURCHASE = TransactionType.PURCHASE.code();
    public static final String COMPOUND_PURCHASE = TransactionType.COMPOUND_PURCHASE.code();
    public static final String HOTLIST_BLOCK = TransactionType.HOTLIST_BLOCK.code();

    private RecordTypes() {}

    public static boolean isPurchase(String type) {
        return TransactionType.of(type).map(TransactionType::isPurchase).orElse(false);
    }
}
