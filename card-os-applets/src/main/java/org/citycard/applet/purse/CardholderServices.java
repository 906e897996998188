package org.citycard.applet.purse;

import javacard.framework.Shareable;

/**
 * What the purse, owner of the card's one cardholder PIN and of the card-block flag, shares with the SSSE applet
 * (CARD-SPEC §4.3) across the Java Card firewall. The SSSE lives in another package (another context), so this
 * interface is part of the purse package's export file and the SSSE package imports it. The purse hands the object
 * out only to the SSSE's AID ({@link PurseApplet#getShareableInterfaceObject}); arrays passed in must be global
 * (the APDU buffer), since the purse's context cannot read an array the SSSE owns.
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
