package org.citycard.issuance.keys;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.dictionary.crypto.KeyStoreKeySet;
import org.citycard.issuance.audit.AuditAction;
import org.citycard.issuance.audit.AuditLog;
import org.citycard.issuance.staff.AccessDeniedException;
import org.citycard.issuance.staff.PasswordHasher;
import org.citycard.issuance.staff.Permission;
import org.citycard.issuance.staff.Staff;
import org.citycard.issuance.staff.StaffService;
import org.citycard.issuance.store.Database;

/**
 * A key ceremony: a master key enters the key store from two or three components, each held by a different key
 * custodian (split knowledge) while a supervisor witnesses (dual control). Each custodian logs in, types their
 * component without echo and the component's key check value from their sheet; a component whose check value does
 * not match is refused and asked for again. The key is the XOR of the components; only check values are shown,
 * recorded and audited, never a component or the key.
 *
 * <p>Per algorithm (issue 16): a 3DES master key is stored under its lower-case id ({@code mpk}), an SM4 one under
 * the id and {@code -sm4} ({@code mpk-sm4}, {@link KeySet#alias}); check values are those of the key's algorithm
 * (SM4: leftmost 3 bytes of SM4-ECB(key, 16 zero bytes)). The ceremony record names the key as its alias in upper
 * case (MPK, MPK-SM4). {@link #generate} makes a new random key and hands each custodian their component once.
 */
public final class KeyCeremony {
    /** How many times a custodian may re-enter a component whose check value does not match. */
    public static final int ATTEMPTS = 3;

    private final Database db;
    private final AuditLog audit;
    private final StaffService staff;
    private final Clock clock;
    /** The key version the ceremony's card master key is stored at (issue 22): 1 the plain alias, else -vNN. */
    private final int keyVersion;

    public KeyCeremony(Database db, AuditLog audit, StaffService staff, Clock clock) {
        this(db, audit, staff, clock, 1);
    }

    private KeyCeremony(Database db, AuditLog audit, StaffService staff, Clock clock, int keyVersion) {
        this.db = db;
        this.audit = audit;
        this.staff = staff;
        this.clock = clock;
        this.keyVersion = keyVersion;
    }

    /**
     * The same ceremony storing a card master key (MPK, MLK, …) of key version {@code version} (issue 22: key store
     * alias {@code <id>-vNN}, {@code <id>-sm4-vNN}); version 1 is the plain alias of before key versions.
     */
    public KeyCeremony atVersion(int version) {
        if (version < 1 || version > 0xFF) {
            throw new IllegalArgumentException("key version " + version + ": 1..255");
        }
        return new KeyCeremony(db, audit, staff, clock, version);
    }

    /** What a custodian enters for one component. The arrays are wiped by the ceremony once used. */
    public record Entry(String custodian, char[] password, char[] componentHex, String statedKcv) {}

    /** Where the components come from: prompts at the ceremony's terminal, or a test. */
    public interface Custodians {
        /** Asks for component {@code index} (1-based) of {@code total}. */
        Entry component(String keyId, int index, int total);

        /** Tells the custodian why their entry was refused (never with the component). */
        void refused(int index, String reason);

        /** Shows a component's check value once accepted. */
        void accepted(int index, String custodian, String kcv);
    }

    /** The outcome: check values only. */
    public record Result(
            String keyId, Algorithm algorithm, List<String> custodians, List<String> componentKcvs, String keyKcv) {
        public Result(String keyId, List<String> custodians, List<String> componentKcvs, String keyKcv) {
            this(keyId, Algorithm.TDES, custodians, componentKcvs, keyKcv);
        }
    }

    /** A custodian's log-in at a generating ceremony; the password is wiped once checked. */
    public record Login(String custodian, char[] password) {}

    /** The custodians of a generating ceremony: who takes each component, and showing it to them once. */
    public interface Holders {
        /** Who takes component {@code index} (1-based) of {@code total}. */
        Login custodian(String keyId, Algorithm algorithm, int index, int total);

        /**
         * Shows component {@code index} to its custodian only, with its check value for their sheet. The array is
         * wiped when this returns; nothing else keeps it.
         */
        void handOver(int index, String custodian, char[] componentHex, String kcv);

        /** Tells why a log-in was refused. */
        void refused(int index, String reason);
    }

    /** The 3DES ceremony (the form before issue 16). */
    public Result run(
            Staff supervisor,
            KeyStoreKeySet store,
            Path storePath,
            String keyId,
            int componentCount,
            Custodians custodians,
            String expectedKcv,
            boolean replace) {
        return run(
                supervisor, store, storePath, keyId, Algorithm.TDES, componentCount, custodians, expectedKcv, replace);
    }

    /**
     * Runs the ceremony and stores the key.
     *
     * @param expectedKcv the key's check value as its owner documented it, or null to accept the combination
     * @param replace allow replacing a key the store already holds
     * @throws KeyCeremonyException when a component stays wrong, a custodian is not allowed, or the result does not
     *     match {@code expectedKcv}; nothing is stored then
     */
    public Result run(
            Staff supervisor,
            KeyStoreKeySet store,
            Path storePath,
            String keyId,
            Algorithm algorithm,
            int componentCount,
            Custodians custodians,
            String expectedKcv,
            boolean replace) {
        String id = prepare(supervisor, store, keyId, algorithm, componentCount, replace);
        byte[] key = new byte[16];
        List<String> names = new ArrayList<>();
        List<String> kcvs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try {
            for (int i = 1; i <= componentCount; i++) {
                byte[] component =
                        acceptComponent(supervisor, id, algorithm, i, componentCount, custodians, seen, names, kcvs);
                for (int j = 0; j < 16; j++) {
                    key[j] ^= component[j];
                }
                Arrays.fill(component, (byte) 0);
            }
            String keyKcv = KeyComponents.checkValue(algorithm, key);
            if (KeyComponents.weak(algorithm, key)) {
                fail(
                        supervisor,
                        label(id, algorithm),
                        "the components combine to a weak key (all zeros, or for 3DES equal halves); nothing was"
                                + " stored");
            }
            if (expectedKcv != null && !expectedKcv.strip().equalsIgnoreCase(keyKcv)) {
                fail(
                        supervisor,
                        label(id, algorithm),
                        "the combined key's check value " + keyKcv + " is not the expected "
                                + expectedKcv.strip().toUpperCase(Locale.ROOT)
                                + ": a component is wrong; nothing was stored");
            }
            return store(
                    supervisor, store, storePath, id, algorithm, key, componentCount, names, kcvs, keyKcv, "loaded");
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * A new random master key of {@code algorithm} made at the ceremony, split into {@code componentCount}
     * components, each shown once to its own custodian (logged in, a key custodian, not the supervisor, not one who
     * already took a component) with its check value; then stored. Only check values are kept and audited.
     */
    public Result generate(
            Staff supervisor,
            KeyStoreKeySet store,
            Path storePath,
            String keyId,
            Algorithm algorithm,
            int componentCount,
            Holders holders,
            boolean replace) {
        String id = prepare(supervisor, store, keyId, algorithm, componentCount, replace);
        SecureRandom random = new SecureRandom();
        byte[] key = KeyComponents.generate(algorithm, random);
        List<byte[]> components = KeyComponents.split(key, componentCount, random);
        List<String> names = new ArrayList<>();
        List<String> kcvs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try {
            for (int i = 1; i <= componentCount; i++) {
                Staff custodian = loginFor(supervisor, id, algorithm, i, componentCount, holders, seen);
                byte[] component = components.get(i - 1);
                String kcv = KeyComponents.checkValue(algorithm, component);
                char[] hex = hex(component);
                try {
                    holders.handOver(i, custodian.username(), hex, kcv);
                } finally {
                    PasswordHasher.wipe(hex);
                }
                seen.add(custodian.username());
                names.add(custodian.username());
                kcvs.add(kcv);
            }
            String keyKcv = KeyComponents.checkValue(algorithm, key);
            return store(
                    supervisor, store, storePath, id, algorithm, key, componentCount, names, kcvs, keyKcv, "generated");
        } finally {
            Arrays.fill(key, (byte) 0);
            for (byte[] c : components) {
                Arrays.fill(c, (byte) 0);
            }
        }
    }

    private Staff loginFor(
            Staff supervisor, String id, Algorithm algorithm, int index, int total, Holders holders, Set<String> seen) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Login login = holders.custodian(id, algorithm, index, total);
            try {
                return custodian(supervisor, login.custodian(), login.password(), seen);
            } catch (AccessDeniedException | IllegalArgumentException ex) {
                holders.refused(index, ex.getMessage());
            } finally {
                PasswordHasher.wipe(login.password());
            }
        }
        fail(
                supervisor,
                label(id, algorithm),
                "no custodian took component " + index + " after " + ATTEMPTS + " log-ins; the ceremony is aborted"
                        + " and nothing was stored");
        throw new AssertionError("unreachable");
    }

    private String prepare(
            Staff supervisor,
            KeyStoreKeySet store,
            String keyId,
            Algorithm algorithm,
            int componentCount,
            boolean replace) {
        supervisor.require(Permission.RUN_KEY_CEREMONY);
        String id = KeyIds.require(keyId, algorithm);
        if (keyVersion != 1
                && !org.citycard.dictionary.Dictionary.standard().keys().isVersioned(id)) {
            throw new IllegalArgumentException("key " + id + " has one version only; key versions are for the card"
                    + " master keys "
                    + org.citycard.dictionary.Dictionary.standard().keys().versionedKeys());
        }
        if (componentCount < 2 || componentCount > 3) {
            throw new IllegalArgumentException("a key ceremony uses 2 or 3 components, not " + componentCount);
        }
        boolean held = keyVersion == 1
                ? store.has(id, algorithm)
                : store.versions().contains(keyVersion)
                        && store.atVersion(keyVersion).has(id, algorithm);
        if (held && !replace) {
            throw new IllegalStateException("key store " + store.name() + " already holds " + label(id, algorithm)
                    + "; give --replace to load a new one (the old one is then gone)");
        }
        return id;
    }

    private Result store(
            Staff supervisor,
            KeyStoreKeySet store,
            Path storePath,
            String id,
            Algorithm algorithm,
            byte[] key,
            int componentCount,
            List<String> names,
            List<String> kcvs,
            String keyKcv,
            String how) {
        store.put(id, algorithm, keyVersion, key);
        store.save(storePath);
        String recorded = KeySet.alias(id, algorithm, keyVersion).toUpperCase(Locale.ROOT);
        db.inTransaction(c -> {
            Database.update(
                    c,
                    "INSERT INTO key_ceremony (key_id, key_store, components, custodians, component_kcvs, key_kcv, happened_at,"
                            + " supervisor) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    recorded,
                    storePath.toAbsolutePath().toString(),
                    componentCount,
                    String.join(",", names),
                    String.join(",", kcvs),
                    keyKcv,
                    Timestamp.from(clock.instant()),
                    supervisor.username());
            audit.record(
                    c,
                    supervisor,
                    AuditAction.KEY_CEREMONY,
                    null,
                    null,
                    label(id, algorithm) + " " + how + " into " + store.name() + " (alias "
                            + KeySet.alias(id, algorithm) + ") from " + componentCount + " components held by " + names
                            + ", component KCVs " + kcvs + ", key KCV " + keyKcv + " (" + KeyIds.label(algorithm)
                            + ")");
            return null;
        });
        return new Result(id, algorithm, List.copyOf(names), List.copyOf(kcvs), keyKcv);
    }

    /** MPK for 3DES, "MPK (SM4)" for SM4. */
    static String label(String id, Algorithm algorithm) {
        return algorithm == Algorithm.SM4 ? id + " (SM4)" : id;
    }

    private static char[] hex(byte[] b) {
        char[] out = new char[b.length * 2];
        String digits = "0123456789ABCDEF";
        for (int i = 0; i < b.length; i++) {
            out[2 * i] = digits.charAt((b[i] >> 4) & 0xF);
            out[2 * i + 1] = digits.charAt(b[i] & 0xF);
        }
        return out;
    }

    private byte[] acceptComponent(
            Staff supervisor,
            String id,
            Algorithm algorithm,
            int index,
            int total,
            Custodians custodians,
            Set<String> seen,
            List<String> names,
            List<String> kcvs) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Entry e = custodians.component(id, index, total);
            try {
                Staff custodian = custodian(supervisor, e.custodian(), e.password(), seen);
                byte[] component = parseComponent(e.componentHex());
                String kcv = KeyComponents.checkValue(algorithm, component);
                String stated =
                        e.statedKcv() == null ? "" : e.statedKcv().strip().toUpperCase(Locale.ROOT);
                if (!kcv.equals(stated)) {
                    Arrays.fill(component, (byte) 0);
                    audit.record(
                            supervisor,
                            AuditAction.KEY_CEREMONY_FAILED,
                            null,
                            null,
                            label(id, algorithm) + " component " + index + " of " + custodian.username()
                                    + " refused: check value mismatch (computed " + kcv + ", stated " + stated + ")");
                    custodians.refused(
                            index,
                            "component " + index + " does not match its check value: computed " + kcv + ", stated "
                                    + stated + "; enter it again (" + (ATTEMPTS - attempt) + " attempts left)");
                    continue;
                }
                seen.add(custodian.username());
                names.add(custodian.username());
                kcvs.add(kcv);
                custodians.accepted(index, custodian.username(), kcv);
                return component;
            } catch (AccessDeniedException | IllegalArgumentException ex) {
                custodians.refused(index, ex.getMessage());
            } finally {
                PasswordHasher.wipe(e.password());
                PasswordHasher.wipe(e.componentHex());
            }
        }
        fail(
                supervisor,
                label(id, algorithm),
                "component " + index + " was refused " + ATTEMPTS + " times; the ceremony is aborted and "
                        + "nothing was stored");
        throw new AssertionError("unreachable");
    }

    private Staff custodian(Staff supervisor, String username, char[] password, Set<String> seen) {
        Staff s = staff.authenticate(username, password);
        if (s.username().equals(supervisor.username())) {
            throw new AccessDeniedException(
                    "dual control: the supervisor witnessing the ceremony cannot also hold a component");
        }
        if (!s.may(Permission.HOLD_KEY_COMPONENT)) {
            throw new AccessDeniedException(s.username() + " is not a key custodian");
        }
        if (seen.contains(s.username())) {
            throw new AccessDeniedException("split knowledge: " + s.username()
                    + " already entered a component; each is held by another custodian");
        }
        return s;
    }

    /** 32 hex digits (spaces allowed); the error never repeats the value. */
    static byte[] parseComponent(char[] hex) {
        StringBuilder digits = new StringBuilder(32);
        for (char ch : hex) {
            if (ch != ' ') {
                digits.append(ch);
            }
        }
        try {
            if (digits.length() != 32 || !digits.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
                throw new IllegalArgumentException("a component is 32 hex digits (16 bytes); this entry has "
                        + digits.length() + " characters (value not shown)");
            }
            byte[] out = new byte[16];
            for (int i = 0; i < 16; i++) {
                out[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
            }
            boolean allZero = true;
            for (byte b : out) {
                allZero &= b == 0;
            }
            if (allZero) {
                throw new IllegalArgumentException("a component of all zeros is not a component");
            }
            return out;
        } finally {
            digits.setLength(0);
            digits.append("0".repeat(32));
        }
    }

    private void fail(Staff supervisor, String id, String message) {
        audit.record(supervisor, AuditAction.KEY_CEREMONY_FAILED, null, null, id + ": " + message);
        throw new KeyCeremonyException(id + ": " + message);
    }
}
