package org.citycard.applet.purse;

import org.citycard.applet.PinStore;

/**
 * The one object the purse shares (its Shareable interface object): the PIN and the card-block flag, and nothing
 * else of the purse. Handing out a separate object rather than the applet itself keeps the purse's other public
 * methods (those of {@code CityCardApplet}) out of the SSSE's reach even on a runtime without a firewall.
 */
final class SharedCardholder implements CardholderServices {
    private final PurseApplet purse;
    private final PinStore pin;

    SharedCardholder(PurseApplet purse, PinStore pin) {
        this.purse = purse;
        this.pin = pin;
    }

    public short verifyPin(byte[] buf, short off, short len) {
        return pin.verifyPin(buf, off, len);
    }

    public short pinStatus() {
        return pin.pinStatus();
    }

    public boolean isPinValidated() {
        return pin.isPinValidated();
    }

    public boolean isCardBlocked() {
        return purse.state() == CardConstants.STATE_CARD_BLOCKED;
    }
}
