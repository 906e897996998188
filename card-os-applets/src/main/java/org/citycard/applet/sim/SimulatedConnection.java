package org.citycard.applet.sim;

import java.nio.ByteBuffer;
import javax.smartcardio.ATR;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CardNotPresentException;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

/** The {@code javax.smartcardio} card (and its basic channel) of a connection to a simulated reader. */
final class SimulatedConnection extends Card {
    private static final int MANAGE_CHANNEL = 0x70;

    private final SimulatedReader reader;
    private final SimulatedCard card;
    private final String protocol;
    private final Channel basic = new Channel();
    private volatile boolean valid = true;
    private Thread exclusive;

    SimulatedConnection(SimulatedReader reader, SimulatedCard card, String protocol) {
        this.reader = reader;
        this.card = card;
        this.protocol = protocol;
    }

    /** The protocol a connection gets: T=1 for "*", else the one asked for. */
    static String checkProtocol(String protocol) {
        if (protocol == null) {
            throw new NullPointerException("protocol");
        }
        return switch (protocol) {
            case "*", "T=1" -> "T=1";
            case "T=0", "T=CL" -> protocol;
            default -> throw new IllegalArgumentException(
                    "unsupported protocol \"" + protocol + "\"; use *, T=0, T=1 or T=CL");
        };
    }

    boolean isValid() {
        return valid && reader.holds(card);
    }

    private void checkValid() throws CardException {
        if (!valid) {
            throw new IllegalStateException("the connection to reader \"" + reader.getName() + "\" is closed");
        }
        if (!reader.holds(card)) {
            throw new CardNotPresentException("the card was removed from reader \"" + reader.getName() + "\"");
        }
    }

    @Override
    public ATR getATR() {
        return new ATR(card.atr());
    }

    @Override
    public String getProtocol() {
        return protocol;
    }

    @Override
    public CardChannel getBasicChannel() {
        if (!valid) {
            throw new IllegalStateException("the connection to reader \"" + reader.getName() + "\" is closed");
        }
        return basic;
    }

    @Override
    public CardChannel openLogicalChannel() throws CardException {
        throw new CardException("the simulator has no logical channels; use the basic channel");
    }

    @Override
    public synchronized void beginExclusive() throws CardException {
        checkValid();
        if (exclusive != null && exclusive != Thread.currentThread()) {
            throw new CardException("another thread holds exclusive access to reader \"" + reader.getName() + "\"");
        }
        exclusive = Thread.currentThread();
    }

    @Override
    public synchronized void endExclusive() throws CardException {
        checkValid();
        if (exclusive != Thread.currentThread()) {
            throw new IllegalStateException("this thread does not hold exclusive access");
        }
        exclusive = null;
    }

    @Override
    public byte[] transmitControlCommand(int controlCode, byte[] command) throws CardException {
        throw new CardException("the simulator has no reader control commands (code " + controlCode + ")");
    }

    @Override
    public void disconnect(boolean reset) throws CardException {
        if (valid) {
            valid = false;
            if (reset && reader.holds(card)) {
                card.reset();
            }
        }
    }

    @Override
    public String toString() {
        return "SimulatedConnection[" + reader.getName() + ", " + protocol + ", " + card + "]";
    }

    private final class Channel extends CardChannel {
        @Override
        public Card getCard() {
            return SimulatedConnection.this;
        }

        @Override
        public int getChannelNumber() {
            return 0;
        }

        @Override
        public ResponseAPDU transmit(CommandAPDU command) throws CardException {
            return new ResponseAPDU(transmit(command.getBytes()));
        }

        @Override
        public int transmit(ByteBuffer command, ByteBuffer response) throws CardException {
            byte[] in = new byte[command.remaining()];
            command.get(in);
            byte[] out = transmit(in);
            if (response.remaining() < out.length) {
                throw new IllegalArgumentException("the response buffer has room for " + response.remaining()
                        + " bytes, the answer has " + out.length);
            }
            response.put(out);
            return out.length;
        }

        private byte[] transmit(byte[] apdu) throws CardException {
            checkValid();
            // as the JDK's PC/SC channel: only an interindustry CLA (bit 8 clear) with INS 70 is MANAGE CHANNEL;
            // proprietary commands such as the PSAM's INIT SAM FOR PURCHASE (80 70) pass
            if (apdu.length >= 2 && apdu[0] >= 0 && (apdu[1] & 0xFF) == MANAGE_CHANNEL) {
                throw new IllegalArgumentException(
                        "MANAGE CHANNEL is not allowed on a channel; use openLogicalChannel");
            }
            synchronized (SimulatedConnection.this) {
                if (exclusive != null && exclusive != Thread.currentThread()) {
                    throw new CardException(
                            "another thread holds exclusive access to reader \"" + reader.getName() + "\"");
                }
            }
            return card.transmit(apdu);
        }

        @Override
        public void close() {
            throw new IllegalStateException("the basic channel cannot be closed");
        }

        @Override
        public String toString() {
            return "SimulatedChannel[" + reader.getName() + ", 0]";
        }
    }
}
