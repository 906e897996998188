package org.citycard.cardlink.command;

import java.util.Arrays;
import org.citycard.cardlink.CardLostException;

/** A response APDU split into its data and status word. */
public record Response(byte[] data, int sw) {
    public static Response of(byte[] raw) {
        if (raw == null || raw.length < 2) {
            throw new CardLostException("the answer is shorter than a status word ("
                    + (raw == null ? "none" : raw.length + " bytes") + ")");
        }
        int sw = ((raw[raw.length - 2] & 0xFF) << 8) | (raw[raw.length - 1] & 0xFF);
        return new Response(Arrays.copyOf(raw, raw.length - 2), sw);
    }

    public boolean ok() {
        return sw == 0x9000;
    }
}
