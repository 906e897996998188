package org.citycard.cardlink.pcsc;

import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import org.citycard.cardlink.CardConnection;
import org.citycard.cardlink.CardLostException;

/**
 * One reader slot, without {@code javax.smartcardio} in its signatures: whether a card is there, waiting for one to
 * come or go, and connecting to it. The issuance tool's card sources work through it.
 */
public final class Slot {
    private final CardTerminal terminal;

    private Slot(CardTerminal terminal) {
        this.terminal = terminal;
    }

    /**
     * The slot of a {@code javax.smartcardio.CardTerminal}, for example a simulated reader reached by class name.
     *
     * @throws IllegalArgumentException when {@code terminal} is not a {@code CardTerminal}
     */
    public static Slot of(Object terminal) {
        if (terminal instanceof CardTerminal t) {
            return new Slot(t);
        }
        throw new IllegalArgumentException("a reader slot needs a javax.smartcardio.CardTerminal, not "
                + (terminal == null ? "null" : terminal.getClass().getName()));
    }

    public String name() {
        return terminal.getName();
    }

    public boolean isCardPresent() {
        try {
            return terminal.isCardPresent();
        } catch (CardException e) {
            throw new IllegalStateException("reader " + name() + ": " + e.getMessage(), e);
        }
    }

    /** Waits up to {@code millis} for a card; true when one is there. */
    public boolean waitForCardPresent(long millis) {
        try {
            return terminal.waitForCardPresent(millis);
        } catch (CardException e) {
            throw new IllegalStateException("reader " + name() + ": " + e.getMessage(), e);
        }
    }

    /** Waits up to {@code millis} for the card to leave; true when it left. */
    public boolean waitForCardAbsent(long millis) {
        try {
            return terminal.waitForCardAbsent(millis);
        } catch (CardException e) {
            throw new IllegalStateException("reader " + name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Connects to the card in the slot; closing the connection resets the card.
     *
     * @throws CardLostException when no card is there
     */
    public CardConnection connect() {
        try {
            Card card = terminal.connect("*");
            SmartcardioTransport t = new SmartcardioTransport(card, terminal.getName());
            return new CardConnection() {
                @Override
                public SmartcardioTransport transport() {
                    return t;
                }

                @Override
                public String reader() {
                    return terminal.getName();
                }

                @Override
                public void close() {
                    t.disconnect(true);
                }
            };
        } catch (CardException e) {
            throw new CardLostException("no card in reader " + terminal.getName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "Slot[" + name() + "]";
    }
}
