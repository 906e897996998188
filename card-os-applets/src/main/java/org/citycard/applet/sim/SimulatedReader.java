package org.citycard.applet.sim;

import java.util.Optional;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardNotPresentException;
import javax.smartcardio.CardTerminal;

/**
 * A {@code javax.smartcardio} card terminal with a simulated card slot: {@link #insert} and {@link #remove} a
 * {@link SimulatedCard}, and code written for PC/SC readers ({@code connect}, {@code waitForCardPresent},
 * {@code waitForCardAbsent}) sees a card arrive and leave. Inserting powers the card up (reset); removing ends the
 * connection, so a later transmit fails as it would with a real reader.
 */
public final class SimulatedReader extends CardTerminal {
    private final String name;
    private SimulatedCard card;
    private SimulatedConnection connection;

    public SimulatedReader(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a reader needs a name");
        }
        this.name = name;
    }

    @Override
    public String getName() {
        return name;
    }

    /**
     * Puts a card into the reader (powered up).
     *
     * @throws IllegalStateException when a card is already in the reader
     */
    public void insert(SimulatedCard newCard) {
        synchronized (this) {
            if (card != null) {
                throw new IllegalStateException("reader \"" + name + "\" already holds " + card + "; remove it first");
            }
            newCard.reset();
            card = newCard;
        }
        PresenceEvents.changed();
    }

    /** Takes the card out, if there is one; its connection ends. */
    public Optional<SimulatedCard> remove() {
        SimulatedCard removed;
        synchronized (this) {
            removed = card;
            card = null;
            connection = null; // its transmits now fail with CardNotPresentException
        }
        if (removed != null) {
            PresenceEvents.changed();
        }
        return Optional.ofNullable(removed);
    }

    /** The card in the reader, if any. */
    public synchronized Optional<SimulatedCard> card() {
        return Optional.ofNullable(card);
    }

    @Override
    public synchronized Card connect(String protocol) throws CardException {
        String p = SimulatedConnection.checkProtocol(protocol);
        if (card == null) {
            throw new CardNotPresentException("no card in reader \"" + name + "\"");
        }
        if (connection != null && connection.isValid()) {
            if (protocol.equals("*") || connection.getProtocol().equals(p)) {
                return connection;
            }
            throw new CardException("cannot connect with " + protocol + ": a " + connection.getProtocol()
                    + " connection to reader \"" + name + "\" is open");
        }
        connection = new SimulatedConnection(this, card, p);
        return connection;
    }

    /** True while the connection's card is still the one in the reader. */
    synchronized boolean holds(SimulatedCard c) {
        return card == c;
    }

    @Override
    public synchronized boolean isCardPresent() {
        return card != null;
    }

    @Override
    public boolean waitForCardPresent(long timeout) throws CardException {
        return await(true, timeout);
    }

    @Override
    public boolean waitForCardAbsent(long timeout) throws CardException {
        return await(false, timeout);
    }

    private boolean await(boolean present, long timeout) throws CardException {
        if (timeout < 0) {
            throw new IllegalArgumentException("timeout must not be negative, is " + timeout);
        }
        try {
            return PresenceEvents.await(() -> isCardPresent() == present, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CardException("interrupted while waiting on reader \"" + name + "\"", e);
        }
    }

    @Override
    public String toString() {
        return "SimulatedReader[" + name + "]";
    }
}
