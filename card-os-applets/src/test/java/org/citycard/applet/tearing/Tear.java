package org.citycard.applet.tearing;

/**
 * The power loss injected at a persistent write: thrown by the instrumented store itself, before the write lands, so
 * it unwinds the applet like a card losing its field would stop it. An {@link Error} so that applet code, which
 * catches {@code ISOException} and the like, never swallows it; jCardSim turns it into 6F00, which nobody sees
 * because {@link TearableCard#transmit} answers {@link CardTornException} instead.
 */
public final class Tear extends Error {
    private static final long serialVersionUID = 1L;

    private final long write;
    private final String what;
    private final String site;

    Tear(long write, String what) {
        super("card torn at persistent write " + write + " (" + what + ")");
        this.write = write;
        this.what = what;
        this.site = CardMemory.site();
    }

    /** The number of the write that did not land (1 = the first write after counting started). */
    public long write() {
        return write;
    }

    /** What the torn write was: kind of store, array or field, inside a transaction or not. */
    public String what() {
        return what;
    }

    /** The applet method and line the tear hit: the first frame outside this package when it was thrown. */
    public String site() {
        return site;
    }
}
