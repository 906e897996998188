package org.citycard.system.city;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.TerminalKey;

/**
 * The hand-over of a terminal's own master key, as the card centre does it for every terminal it installs: the
 * server makes the TMK (ADMIN REST), the key store lands in the terminal's directory as {@value #STORE}, its random
 * password beside it in {@value #PASSWORD} (owner-only), and the terminal opens it for its own terminal ID.
 */
public final class TerminalKeys {
    public static final String STORE = "terminal-key.bcfks";
    public static final String PASSWORD = "terminal-key-password.txt";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TerminalKeys() {}

    public static TerminalKey handOver(ServerAdmin admin, String terminalId, Path home) {
        return handOver(admin, terminalId, home, Algorithm.TDES);
    }

    /** The hand-over of a master key of the given algorithm (3DES or SM4). */
    public static TerminalKey handOver(ServerAdmin admin, String terminalId, Path home, Algorithm algorithm) {
        byte[] raw = new byte[18];
        RANDOM.nextBytes(raw);
        char[] password =
                Base64.getUrlEncoder().withoutPadding().encodeToString(raw).toCharArray();
        try {
            Files.createDirectories(home);
            Path store = home.resolve(STORE);
            Files.deleteIfExists(store);
            Files.write(store, admin.terminalKeyStore(terminalId, password, algorithm));
            Path pw = home.resolve(PASSWORD);
            Files.writeString(pw, new String(password) + "\n");
            try {
                Files.setPosixFilePermissions(pw, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the file stays as created
            }
            return TerminalKey.open(store, password, terminalId);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the key store of terminal " + terminalId, e);
        }
    }
}
