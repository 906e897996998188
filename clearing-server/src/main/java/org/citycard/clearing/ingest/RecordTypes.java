package org.citycard.clearing.ingest;

import org.citycard.dictionary.Code;
import org.citycard.dictionary.Dictionary;

/** Transaction-type codes by name, from the dictionary's transaction-type table. */
public final class RecordTypes {
    public static final String LOAD = code("LOAD");
    public static final String PURCHASE = code("PURCHASE");
    public static final String COMPOUND_PURCHASE = code("COMPOUND_PURCHASE");
    public static final String HOTLIST_BLOCK = code("HOTLIST_BLOCK");

    private RecordTypes() {}

    static String code(String name) {
        return Dictionary.standard()
                .codeTable("transaction-type")
                .byName(name)
                .map(Code::code)
                .orElseThrow(() -> new IllegalStateException("the dictionary has no transaction type " + name));
    }

    public static boolean isPurchase(String type) {
        return PURCHASE.equals(type) || COMPOUND_PURCHASE.equals(type);
    }
}
