package org.citycard.clearing.reference;

import java.util.List;
import org.citycard.dictionary.Code;
import org.citycard.dictionary.CodeTable;
import org.citycard.dictionary.Dictionary;

/** Card states by name, read from the dictionary's card-state table. */
public final class CardStates {
    private static final CodeTable TABLE = Dictionary.standard().codeTable("card-state");

    public static final String ACTIVE = code("ACTIVE");
    public static final String LOST = code("LOST");
    public static final String EXPIRED = code("EXPIRED");

    private CardStates() {}

    public static String code(String name) {
        return TABLE.byName(name)
                .map(Code::code)
                .orElseThrow(() -> new IllegalStateException("the dictionary has no card state named " + name));
    }

    /** The states a card in {@code from} may move to. */
    public static List<String> next(String from) {
        return TABLE.find(from).map(Code::next).orElse(List.of());
    }

    public static boolean isKnown(String state) {
        return TABLE.contains(state);
    }
}
