package org.citycard.applet.tearing;

/**
 * What a terminal sees when the card lost power during a command: no answer at all. Thrown by
 * {@link TearableCard#transmit} for the command during which the injected tear happened, and for every command
 * after it until {@link TearableCard#powerCycle()}.
 */
public final class CardTornException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Tear tear;

    CardTornException(Tear tear) {
        super(tear.getMessage() + " at " + tear.site() + "; the card gives no answer until it is powered again", tear);
        this.tear = tear;
    }

    /** The injected tear: which write, what it was and where. */
    public Tear tear() {
        return tear;
    }
}
