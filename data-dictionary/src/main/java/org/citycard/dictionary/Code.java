package org.citycard.dictionary;

import java.util.List;
import java.util.Map;

/**
 * One value of a code table.
 *
 * @param level for hierarchical tables (regions): province, prefecture or district
 * @param next for state tables: the codes this state may move to
 * @param attrs further named attributes (for example {@code name} or {@code cardRecord})
 */
public record Code(String code, String zh, String en, String level, List<String> next, Map<String, String> attrs) {
    public Code {
        next = next == null ? List.of() : List.copyOf(next);
        attrs = attrs == null ? Map.of() : Map.copyOf(attrs);
    }

    /** A named attribute, or null. */
    public String attr(String name) {
        return attrs.get(name);
    }
}
