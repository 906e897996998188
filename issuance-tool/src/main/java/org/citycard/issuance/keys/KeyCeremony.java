package org.citycard.issuance.keys;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.citycard.dictionary.crypto.CardCrypto;
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
 */
public final class KeyCeremony {
    /** How many times a custodian may re-enter a component whose check value does not match. */
    public static final int ATTEMPTS = 3;

    private final Database db;
    private final AuditLog audit;
    private final StaffService staff;
    private final Clock clock;

    public KeyCeremony(Database db, AuditLog audit, StaffService staff, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.staff = staff;
        this.clock = clock;
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
    public record Result(String keyId, List<String> custodians, List<String> componentKcvs, String keyKcv) {}

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
            int componentCount,
            Custodians custodians,
            String expectedKcv,
            boolean replace) {
        supervisor.require(Permission.RUN_KEY_CEREMONY);
        String id = KeyIds.requireMasterOrTransport(keyId);
        if (componentCount < 2 || componentCount > 3) {
            throw new IllegalArgumentException("a key ceremony uses 2 or 3 components, not " + componentCount);
        }
        if (store.has(id) && !replace) {
            throw new IllegalStateException("key store " + store.name() + " already holds " + id
                    + "; give --replace to load a new one (the old one is then gone)");
        }
        byte[] key = new byte[16];
        List<String> names = new ArrayList<>();
        List<String> kcvs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try {
            for (int i = 1; i <= componentCount; i++) {
                byte[] component = acceptComponent(supervisor, id, i, componentCount, custodians, seen, names, kcvs);
                for (int j = 0; j < 16; j++) {
                    key[j] ^= component[j];
                }
                Arrays.fill(component, (byte) 0);
            }
            String keyKcv = CardCrypto.keyCheckValue(key);
            if (expectedKcv != null && !expectedKcv.strip().equalsIgnoreCase(keyKcv)) {
                fail(
                        supervisor,
                        id,
                        "the combined key's check value " + keyKcv + " is not the expected "
                                + expectedKcv.strip().toUpperCase(Locale.ROOT)
                                + ": a component is wrong; nothing was stored");
            }
            store.put(id, key);
            store.save(storePath);
            db.inTransaction(c -> {
                Database.update(
                        c,
                        "INSERT INTO key_ceremony (key_id, key_store, components, custodians, component_kcvs, key_kcv, happened_at,"
                                + " supervisor) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        id,
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
                        id + " loaded into " + store.name() + " from " + componentCount + " components held by " + names
                                + ", component KCVs " + kcvs + ", key KCV " + keyKcv);
                return null;
            });
            return new Result(id, List.copyOf(names), List.copyOf(kcvs), keyKcv);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private byte[] acceptComponent(
            Staff supervisor,
            String id,
            int index,
            int total,
            Custodians custodians,
            Set<String> seen,
            List<String> names,
            List<String> kcvs) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Entry e = custodians.component(id, index, total);
            try {
                Staff custodian = custodian(supervisor, e, seen);
                byte[] component = parseComponent(e.componentHex());
                String kcv = CardCrypto.keyCheckValue(component);
                String stated =
                        e.statedKcv() == null ? "" : e.statedKcv().strip().toUpperCase(Locale.ROOT);
                if (!kcv.equals(stated)) {
                    Arrays.fill(component, (byte) 0);
                    audit.record(
                            supervisor,
                            AuditAction.KEY_CEREMONY_FAILED,
                            null,
                            null,
                            id + " component " + index + " of " + custodian.username()
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
                id,
                "component " + index + " was refused " + ATTEMPTS + " times; the ceremony is aborted and "
                        + "nothing was stored");
        throw new AssertionError("unreachable");
    }

    private Staff custodian(Staff supervisor, Entry e, Set<String> seen) {
        Staff s = staff.authenticate(e.custodian(), e.password());
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
