package org.citycard.cardlink.command;

import java.io.ByteArrayOutputStream;
import org.citycard.cardlink.ApduTransport;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.card.CardCommand;

/** Builds command APDUs from the dictionary's headers: no command byte is typed twice. */
final class Apdus {
    private Apdus() {}

    static CardCommand command(String id) {
        return Dictionary.standard().command(id);
    }

    /** Header from the dictionary; Lc from the data (checked against a fixed Lc), Le from the dictionary. */
    static byte[] build(CardCommand c, byte[] data) {
        return build(c, c.p1Byte(), c.p2Byte(), data, c.le() == null ? -1 : Integer.parseInt(c.le(), 16));
    }

    /**
     * @param le -1 for no Le; 0 for Le 00
     */
    static byte[] build(CardCommand c, byte p1, byte p2, byte[] data, int le) {
        if (data != null && c.lc() != null && data.length != Integer.parseInt(c.lc(), 16)) {
            throw new IllegalArgumentException(
                    c.id() + ": data is " + data.length + " bytes, the command takes Lc " + c.lc());
        }
        if (data != null && data.length > 255) {
            throw new IllegalArgumentException(c.id() + ": data of " + data.length + " bytes exceeds a short APDU");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(5 + (data == null ? 0 : data.length) + 1);
        out.write(c.claByte());
        out.write(c.insByte());
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

    static Response exchange(ApduTransport t, byte[] apdu) {
        return Response.of(t.transmit(apdu));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] slice(byte[] data, int offset, int length, String command) {
        if (data.length < offset + length) {
            throw new CardRefusedException(
                    command,
                    0x9000,
                    Reason.WRONG_LENGTH,
                    "answer of " + data.length + " bytes is shorter than expected (" + (offset + length) + ")",
                    "应答长度不足");
        }
        byte[] out = new byte[length];
        System.arraycopy(data, offset, out, 0, length);
        return out;
    }

    static int u16(byte[] d, int off) {
        return ((d[off] & 0xFF) << 8) | (d[off + 1] & 0xFF);
    }

    static long u32(byte[] d, int off) {
        return ((long) (d[off] & 0xFF) << 24)
                | ((d[off + 1] & 0xFF) << 16)
                | ((d[off + 2] & 0xFF) << 8)
                | (d[off + 3] & 0xFF);
    }
}
