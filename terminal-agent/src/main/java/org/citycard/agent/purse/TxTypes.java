package org.citycard.agent.purse;

import org.citycard.dictionary.Dictionary;

/** Transaction type bytes from the dictionary's transaction-type table, by name. */
final class TxTypes {
    static final String PURCHASE = code("PURCHASE");
    static final String COMPOUND_PURCHASE = code("COMPOUND_PURCHASE");
    static final String LOAD = code("LOAD");
    static final String HOTLIST_BLOCK = code("HOTLIST_BLOCK");

    private TxTypes() {}

    private static String code(String name) {
        return Dictionary.standard().codeTable("transaction-type").asMap().values().stream()
                .filter(c -> name.equals(c.attr("name")))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("transaction-type has no " + name))
                .code();
    }

    static byte toByte(String code) {
        return (byte) Integer.parseInt(code, 16);
    }
}
