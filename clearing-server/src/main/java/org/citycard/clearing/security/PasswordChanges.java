package org.citycard.clearing.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.citycard.clearing.config.CityCardProperties;
import org.springframework.stereotype.Service;

/** A staff user changes its own password; the first administrator's generated-password file goes with it. */
@Service
public class PasswordChanges {
    private final StaffUsers users;
    private final CityCardProperties properties;

    PasswordChanges(StaffUsers users, CityCardProperties properties) {
        this.users = users;
        this.properties = properties;
    }

    public void changeOwn(String username, String current, String next) {
        users.changeOwnPassword(username, current, next);
        try {
            StaffBootstrap.passwordChanged(username, properties);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the initial administrator password file", e);
        }
    }
}
