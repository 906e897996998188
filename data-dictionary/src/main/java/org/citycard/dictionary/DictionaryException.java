package org.citycard.dictionary;

import java.util.List;

/**
 * A definition file of the dictionary breaks a rule. The message names the file, the entry and the rule, so
 * that the person who edited the file can fix it without reading the loader.
 */
public final class DictionaryException extends RuntimeException {
    private final List<Problem> problems;

    /** One broken rule: where (file, entry) and which rule. */
    public record Problem(String file, String entry, String rule) {
        @Override
        public String toString() {
            return file + ": " + entry + ": " + rule;
        }
    }

    public DictionaryException(List<Problem> problems) {
        super(format(problems));
        this.problems = List.copyOf(problems);
    }

    public DictionaryException(String file, String entry, String rule) {
        this(List.of(new Problem(file, entry, rule)));
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String format(List<Problem> problems) {
        StringBuilder sb = new StringBuilder("the data dictionary is invalid (")
                .append(problems.size())
                .append(problems.size() == 1 ? " problem)" : " problems)");
        for (Problem p : problems) {
            sb.append(System.lineSeparator()).append("  ").append(p);
        }
        return sb.toString();
    }
}
