package org.citycard.clearing.settlement;

/** What a day close tells whoever watches it (the command line's progress bar, a log). */
public interface CloseProgress {
    /** The number of steps is known (or grew). */
    default void steps(int total) {}

    /** One step is done. */
    void step(String what);

    CloseProgress NONE = what -> {};
}
