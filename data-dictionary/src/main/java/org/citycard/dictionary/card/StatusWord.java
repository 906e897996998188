package org.citycard.dictionary.card;

/**
 * A status word the applets answer.
 *
 * @param pattern set for families such as {@code 63Cx}; {@code sw} then holds the x = 0 member
 */
public record StatusWord(String sw, String name, String pattern, String zh, String en) {
    public int value() {
        return Integer.parseInt(sw, 16);
    }

    /** True when {@code sw} (a 16-bit value) is this status word or a member of its family. */
    public boolean matches(int sw) {
        return pattern != null ? (sw & 0xFFF0) == value() : sw == value();
    }
}
