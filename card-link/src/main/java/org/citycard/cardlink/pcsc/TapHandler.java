package org.citycard.cardlink.pcsc;

/** What the agent does with each card that arrives; called on the tap loop's thread, one card at a time. */
@FunctionalInterface
public interface TapHandler {
    void onTap(Tap tap);

    /** The card left the reader (after {@link #onTap}). */
    default void onRemoved(String reader) {}

    /** The card reader is missing (unplugged) or back. */
    default void onReaderState(String reader, boolean present) {}
}
