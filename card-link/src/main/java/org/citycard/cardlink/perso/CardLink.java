package org.citycard.cardlink.perso;

import java.util.Arrays;
import org.citycard.cardlink.ApduTransport;

/**
 * Sends dictionary commands over a {@link ApduTransport} and turns a status word other than 9000 into a {@link
 * CardCommandException} naming the step. {@link #exchange} gives the status word to callers that expect several.
 */
public final class CardLink {
    public static final int SW_OK = 0x9000;

    private final ApduTransport transport;

    public CardLink(ApduTransport transport) {
        this.transport = transport;
    }

    /** A response: data and status word. */
    public record Response(byte[] data, int sw) {
        public boolean ok() {
            return sw == SW_OK;
        }
    }

    public Response exchange(CardCommands.Built command) {
        byte[] r = transport.transmit(command.bytes());
        if (r == null || r.length < 2) {
            throw new CardCommandException("no status word", command.commandId(), 0x6F00);
        }
        int sw = ((r[r.length - 2] & 0xFF) << 8) | (r[r.length - 1] & 0xFF);
        return new Response(Arrays.copyOf(r, r.length - 2), sw);
    }

    /** Sends a command that must succeed and returns its data. */
    public byte[] send(String step, CardCommands.Built command) {
        Response r = exchange(command);
        if (!r.ok()) {
            throw new CardCommandException(step, command.commandId(), r.sw());
        }
        return r.data();
    }
}
