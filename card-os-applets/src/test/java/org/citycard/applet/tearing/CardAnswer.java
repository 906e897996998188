package org.citycard.applet.tearing;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;

/** A response APDU split into data and status word, and the building of short command APDUs. */
public record CardAnswer(byte[] data, int sw) {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    /** Splits data ‖ SW1 SW2. */
    public static CardAnswer of(byte[] raw) {
        return new CardAnswer(
                Arrays.copyOf(raw, raw.length - 2), (raw[raw.length - 2] & 0xFF) << 8 | raw[raw.length - 1] & 0xFF);
    }

    /** A short command APDU: header ‖ (Lc ‖ data) ‖ (Le); {@code data} may be null, {@code le} -1 for none. */
    public static byte[] command(int cla, int ins, int p1, int p2, byte[] data, int le) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(cla);
        out.write(ins);
        out.write(p1);
        out.write(p2);
        if (data != null && data.length > 0) {
            out.write(data.length);
            out.writeBytes(data);
        }
        if (le >= 0) {
            out.write(le);
        }
        return out.toByteArray();
    }

    public boolean ok() {
        return sw == 0x9000;
    }

    public byte[] data(int from, int to) {
        return Arrays.copyOfRange(data, from, to);
    }

    public String swHex() {
        return String.format("%04X", sw);
    }

    /** The data, or an {@link IllegalStateException} naming the step and the status word when it is not 9000. */
    public byte[] require(String step) {
        if (!ok()) {
            throw new IllegalStateException(step + " answered " + swHex());
        }
        return data;
    }

    @Override
    public String toString() {
        return HEX.formatHex(data) + " " + swHex();
    }
}
