package org.citycard.cardlink.pcsc;

import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CommandAPDU;
import org.citycard.cardlink.ApduTransport;
import org.citycard.cardlink.CardLostException;

/**
 * The card transport over a javax.smartcardio channel, with T=0 style GET RESPONSE (61xx) and wrong-Le
 * re-send (6Cxx) handled here so that command classes see whole answers.
 */
final class SmartcardioTransport implements ApduTransport {
    private static final byte[] GET_RESPONSE_HEADER = {0x00, (byte) 0xC0, 0x00, 0x00};
    private final Card card;
    private final CardChannel channel;
    private final String readerName;

    SmartcardioTransport(Card card, String readerName) {
        this.card = card;
        this.channel = card.getBasicChannel();
        this.readerName = readerName;
    }

    @Override
    public byte[] transmit(byte[] command) {
        try {
            byte[] r = channel.transmit(new CommandAPDU(command)).getBytes();
            int sw1 = r.length >= 2 ? r[r.length - 2] & 0xFF : 0;
            if (sw1 == 0x6C && command.length >= 5) {
                byte[] again = command.clone();
                again[again.length - 1] = r[r.length - 1];
                r = channel.transmit(new CommandAPDU(again)).getBytes();
            }
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            while (r.length >= 2 && (r[r.length - 2] & 0xFF) == 0x61) {
                all.write(r, 0, r.length - 2);
                byte[] gr = {GET_RESPONSE_HEADER[0], GET_RESPONSE_HEADER[1], 0, 0, r[r.length - 1]};
                r = channel.transmit(new CommandAPDU(gr)).getBytes();
            }
            if (all.size() == 0) {
                return r;
            }
            all.write(r, 0, r.length);
            return all.toByteArray();
        } catch (CardException | IllegalStateException e) {
            throw new CardLostException("the card in " + readerName + " did not answer: " + e.getMessage(), e);
        }
    }

    String atrHex() {
        return java.util.HexFormat.of().withUpperCase().formatHex(card.getATR().getBytes());
    }

    void disconnect() {
        disconnect(false);
    }

    /** Lets go of the card; {@code reset} resets it (the issuance tool does, after personalisation). */
    void disconnect(boolean reset) {
        try {
            card.disconnect(reset);
        } catch (CardException | IllegalStateException ignored) {
            // the card is gone already
        }
    }
}
