package org.citycard.agent.session;

import org.citycard.agent.purse.PurchaseRequest;

/** What the next tap should do; armed by the kiosk, the counter or the command line. */
public sealed interface TapRequest {
    /** Pay: a purchase (a bill payment when it has a payee reference). */
    record Pay(PurchaseRequest purchase) implements TapRequest {}

    /** Load (top-up) at the counter, online. */
    record Load(long amount) implements TapRequest {}

    /** Show balance and last transactions; with {@code identity}, also ask the PIN and read the SSSE. */
    record Query(boolean identity) implements TapRequest {}

    /** Change the PIN (both PINs supplied by the page or the command line, never kept). */
    record ChangePin(char[] oldPin, char[] newPin) implements TapRequest {}
}
