package org.citycard.cardlink;

/** A card in a reader, connected: its transport, and a way to let go of it. */
public interface CardConnection extends AutoCloseable {
    ApduTransport transport();

    /** The reader's name, for messages. */
    String reader();

    /** Disconnects (resetting the card). */
    @Override
    void close();
}
