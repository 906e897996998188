package org.citycard.clearing.security;

/**
 * Roles: ADMIN manages reference data and users, STAFF reads, CARD_CENTRE is the card centre's issuance tool (it
 * registers cards, reads them and their shadow accounts, changes their state, puts them on and off the hotlist, and
 * nothing else), TERMINAL is a terminal authenticated by its MAC.
 */
public final class Roles {
    public static final String ADMIN = "ADMIN";
    public static final String CARD_CENTRE = "CARD_CENTRE";
    public static final String STAFF = "STAFF";
    public static final String TERMINAL = "TERMINAL";

    private Roles() {}
}
