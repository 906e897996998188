package org.citycard.issuance.perso.pcsc;

import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CommandAPDU;
import org.citycard.issuance.perso.CardGoneException;
import org.citycard.issuance.perso.CardTransport;

/** A PC/SC (or simulated) card channel as a {@link CardTransport}. */
final class PcscTransport implements CardTransport {
    private final CardChannel channel;

    PcscTransport(CardChannel channel) {
        this.channel = channel;
    }

    @Override
    public byte[] transmit(byte[] command) {
        try {
            return channel.transmit(new CommandAPDU(command)).getBytes();
        } catch (CardException | IllegalStateException e) {
            throw new CardGoneException("the card did not answer (removed or without power): " + e.getMessage(), e);
        }
    }
}
