package org.citycard.dictionary;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.citycard.dictionary.DictionaryException.Problem;

/** What every check of the definition files shares: where problems go, and the naming and uniqueness rules. */
abstract class DefinitionCheck {
    static final Pattern HEX_BYTE = Pattern.compile("[0-9A-F]{2}");
    static final Pattern HEX = Pattern.compile("([0-9A-F]{2})+");

    final CheckContext ctx;

    DefinitionCheck(CheckContext ctx) {
        this.ctx = ctx;
    }

    void problem(String file, String entry, String rule) {
        ctx.problems.add(new Problem(file, entry, rule));
    }

    void names(String file, String entry, String zh, String en) {
        if (zh == null || zh.isBlank() || en == null || en.isBlank()) {
            problem(file, entry, "needs both a Chinese (zh) and an English (en) name");
        }
    }

    <T> Map<String, T> unique(String file, String what, List<T> list, Function<T, String> key) {
        Map<String, T> map = new LinkedHashMap<>();
        for (T t : DictionaryLoader.nonNull(list)) {
            String k = key.apply(t);
            if (k == null || k.isBlank()) {
                problem(file, what + " " + t, "has no id");
            } else if (map.putIfAbsent(k, t) != null) {
                problem(file, what + " " + k, "duplicate id: each " + what + " is defined once");
            }
        }
        return map;
    }
}
