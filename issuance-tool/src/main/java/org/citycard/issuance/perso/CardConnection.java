package org.citycard.issuance.perso;

/** A card in a reader, connected: its transport, and a way to let go of it. */
public interface CardConnection extends AutoCloseable {
    CardTransport transport();

    /** The reader's name, for messages. */
    String reader();

    /** Disconnects (resetting the card). */
    @Override
    void close();
}
