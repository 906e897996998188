package org.citycard.clearing.security;

/** Roles: ADMIN manages reference data and users, STAFF reads, TERMINAL is a terminal authenticated by its MAC. */
public final class Roles {
    public static final String ADMIN = "ADMIN";
    public static final String STAFF = "STAFF";
    public static final String TERMINAL = "TERMINAL";

    private Roles() {}
}
