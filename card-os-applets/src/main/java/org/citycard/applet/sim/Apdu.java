package org.citycard.applet.sim;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.citycard.applet.CardConstants;
import org.citycard.dictionary.Dictionary;

/** Building command APDUs and checking status words, for the simulator's host-side helpers. */
final class Apdu {
    private Apdu() {}

    /** A short command APDU; {@code data} may be null, {@code le} -1 for none. */
    static byte[] command(byte cla, byte ins, byte p1, byte p2, byte[] data, int le) {
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

    /** SELECT by AID. */
    static byte[] select(byte[] aid) {
        return command(
                CardConstants.CLA_ISO,
                CardConstants.INS_SELECT,
                CardConstants.P1_SELECT,
                CardConstants.P2_SELECT,
                aid,
                CardConstants.LE_SELECT & 0xFF);
    }

    /** The status word of a response. */
    static int sw(byte[] response) {
        return (response[response.length - 2] & 0xFF) << 8 | response[response.length - 1] & 0xFF;
    }

    /** The data of a response if its status word is 9000, else a {@link SimPersonaliser.PersonalisationException}. */
    static byte[] check(byte[] response, String step) {
        int sw = sw(response);
        if (sw != (CardConstants.SW_OK & 0xFFFF)) {
            String meaning = Dictionary.standard()
                    .describe(sw)
                    .map(s -> " (" + s.en() + ")")
                    .orElse("");
            throw new SimPersonaliser.PersonalisationException(
                    step + " answered " + String.format("%04X", sw) + meaning);
        }
        return Arrays.copyOf(response, response.length - 2);
    }
}
