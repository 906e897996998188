package org.citycard.issuance.keys;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.dictionary.crypto.KeyStoreKeySet;
import org.citycard.issuance.audit.AuditAction;
import org.citycard.issuance.audit.AuditLog;
import org.citycard.issuance.staff.Permission;
import org.citycard.issuance.staff.Staff;

/**
 * The issuer's encrypted key store (Bouncy Castle BCFKS, password protected) and the choice of key set for
 * production: a key store, or the dictionary's public demo set when — and only when — it is asked for by the name
 * {@code demo}. A store holds each master key in 3DES (alias {@code mpk}), in SM4 ({@code mpk-sm4}) or both.
 */
public final class KeyStores {
    public static final int MIN_PASSWORD_LENGTH = 12;

    private final AuditLog audit;

    public KeyStores(AuditLog audit) {
        this.audit = audit;
    }

    /** Creates an empty key store; refused when the file exists. */
    public KeyStoreKeySet create(Staff supervisor, Path path, char[] password) {
        supervisor.require(Permission.RUN_KEY_CEREMONY);
        if (Files.exists(path)) {
            throw new IllegalStateException("key store " + path + " already exists; it is never overwritten");
        }
        if (password == null || password.length < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException(
                    "a key store password has at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        KeyStoreKeySet set = KeyStoreKeySet.create(path, password);
        audit.record(
                supervisor, AuditAction.KEY_STORE_CREATE, null, null, "key store " + path.getFileName() + " (BCFKS)");
        return set;
    }

    /**
     * Opens the key set for production: {@code demo} by name only (audited as such), otherwise a key store file.
     */
    public KeySet open(Staff actor, String nameOrPath, char[] password) {
        actor.require(Permission.OPEN_KEY_SET);
        if ("demo".equals(nameOrPath)) {
            audit.record(
                    actor,
                    AuditAction.KEY_SET_DEMO,
                    null,
                    null,
                    "the public demo key set was chosen by name: cards made with it are for tests and demos only");
            return KeySet.demo();
        }
        return KeyStoreKeySet.open(Path.of(nameOrPath), password);
    }

    /** One key of a store, as it may be shown: its id, algorithm and check value (in that algorithm). */
    public record KeyInfo(String keyId, Algorithm algorithm, boolean present, String kcv) {
        /** The key store alias: mpk, mpk-sm4. */
        public String alias() {
            return KeySet.alias(keyId, algorithm);
        }
    }

    /** The issuer keys of both algorithms (3DES first, then SM4) and the check value of each one present. */
    public static List<KeyInfo> list(KeySet set) {
        List<KeyInfo> out = new ArrayList<>();
        out.addAll(list(set, Algorithm.TDES));
        out.addAll(list(set, Algorithm.SM4));
        return out;
    }

    /** The issuer keys of one algorithm and the check value of each one present. */
    public static List<KeyInfo> list(KeySet set, Algorithm algorithm) {
        List<KeyInfo> out = new ArrayList<>();
        for (String id : KeyIds.of(algorithm)) {
            if (set.has(id, algorithm)) {
                byte[] k = set.key(id, algorithm);
                try {
                    out.add(new KeyInfo(id, algorithm, true, KeyComponents.checkValue(algorithm, k)));
                } finally {
                    Arrays.fill(k, (byte) 0);
                }
            } else {
                out.add(new KeyInfo(id, algorithm, false, null));
            }
        }
        return out;
    }
}
