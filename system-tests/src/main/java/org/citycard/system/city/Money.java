package org.citycard.system.city;

/** Amounts are fen everywhere; people read yuan with two decimals. */
public final class Money {
    private Money() {}

    public static String yuan(long fen) {
        String sign = fen < 0 ? "-" : "";
        long a = Math.abs(fen);
        return String.format("%s%,d.%02d", sign, a / 100, a % 100);
    }
}
