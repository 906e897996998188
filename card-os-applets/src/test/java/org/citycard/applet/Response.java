package org.citycard.applet;

import java.util.Arrays;
import java.util.HexFormat;

/** A response APDU split into data and status word. */
record Response(byte[] data, int sw) {
    static Response of(byte[] raw) {
        return new Response(
                Arrays.copyOf(raw, raw.length - 2), (raw[raw.length - 2] & 0xFF) << 8 | raw[raw.length - 1] & 0xFF);
    }

    String swHex() {
        return String.format("%04X", sw);
    }

    String hex() {
        return HexFormat.of().withUpperCase().formatHex(data);
    }

    byte[] data(int from, int to) {
        return Arrays.copyOfRange(data, from, to);
    }

    @Override
    public String toString() {
        return hex() + " " + swHex();
    }
}
