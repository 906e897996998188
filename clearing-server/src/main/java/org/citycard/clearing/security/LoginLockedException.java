package org.citycard.clearing.security;

import java.time.Instant;
import org.springframework.security.authentication.LockedException;

/** A sign-in refused, whatever the password, because the user or the client address is locked until a time. */
public class LoginLockedException extends LockedException {
    private static final long serialVersionUID = 1L;
    private final transient Instant until;

    public LoginLockedException(Instant until) {
        super("sign-in locked until " + until);
        this.until = until;
    }

    public Instant until() {
        return until;
    }
}
