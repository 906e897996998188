package org.citycard.applet;

import javacard.framework.Shareable;

/**
 * What the purse, owner of the card's one cardholder PIN and of the card-block flag, shares with the SSSE applet
 * (CARD-SPEC §4.3). Arrays passed in are the APDU buffer (a global array), so the interface also works across a
 * firewall between packages.
 */
public interface CardholderServices extends Shareable {
    /**
     * VERIFY: checks the BCD PIN at {@code buf[off..off+len)}. The try counter is decremented before the
     * comparison, outside any transaction, and restored only by a match.
     *
     * @return the status word: 9000, 63Cx (x tries left), 6983 (blocked), 6700 / 6A80 (malformed), 6985 (no PIN)
     */
    short verifyPin(byte[] buf, short off, short len);

    /** VERIFY without data: 9000 when verified in this card session, else 63Cx or 6983. */
    short pinStatus();

    /** True when the PIN has been verified since the card was last powered up. */
    boolean isPinValidated();

    /** True once CARD BLOCK has been done: the card answers every SELECT with 6A81, for good. */
    boolean isCardBlocked();
}
