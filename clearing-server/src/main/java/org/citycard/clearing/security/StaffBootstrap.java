package org.citycard.clearing.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import org.citycard.clearing.config.CityCardProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * On the first start (no staff user yet) creates the administrator "admin". Its password comes from the environment
 * variable named by {@code citycard.security.initial-admin-password-env}; without it a random one is generated and
 * written, readable by the owner only, to {@code <data-dir>/initial-admin-password.txt} (never to the log).
 */
@Component
class StaffBootstrap implements ApplicationRunner {
    static final String FILE = "initial-admin-password.txt";
    private static final Logger log = LoggerFactory.getLogger(StaffBootstrap.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final StaffUsers users;
    private final CityCardProperties properties;

    StaffBootstrap(StaffUsers users, CityCardProperties properties) {
        this.users = users;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (users.count() > 0) {
            return;
        }
        String fromEnv = System.getenv(properties.security().initialAdminPasswordEnv());
        String password = fromEnv != null ? fromEnv : random();
        users.add(
                "admin",
                password,
                List.of(Roles.ADMIN, Roles.STAFF),
                properties.security().forceInitialPasswordChange());
        if (fromEnv != null) {
            log.info(
                    "Created staff user 'admin' with the password from ${}",
                    properties.security().initialAdminPasswordEnv());
            return;
        }
        Path dir = properties.dataDir();
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE);
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, password + System.lineSeparator());
        log.warn(
                "Created staff user 'admin'; its password is in {} (readable by you only): change it{}",
                file,
                properties.security().forceInitialPasswordChange()
                        ? " first, nothing else is allowed until then (POST " + PasswordChangeFilter.CHANGE
                                + " or the dashboard's form); the file is deleted then"
                        : "");
    }

    /** Once the first administrator has chosen its own password, the generated one's file is only a stale secret. */
    static void passwordChanged(String username, CityCardProperties properties) throws IOException {
        if ("admin".equals(username)
                && Files.deleteIfExists(properties.dataDir().resolve(FILE))) {
            log.info(
                    "Staff user 'admin' changed its password: deleted {}",
                    properties.dataDir().resolve(FILE));
        }
    }

    private static String random() {
        SecureRandom r = new SecureRandom();
        StringBuilder sb = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
