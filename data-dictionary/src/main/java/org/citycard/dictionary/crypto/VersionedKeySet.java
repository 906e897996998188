package org.citycard.dictionary.crypto;

import java.util.NoSuchElementException;
import java.util.SortedSet;
import java.util.function.BiFunction;
import org.citycard.dictionary.Dictionary;

/**
 * A key set seen at another key version (issue 22, {@link KeySet#atVersion}): the versioned card master keys
 * (keys.yaml {@code versionedKeys}) of that version, every other key the set's own. Values never appear in its text.
 */
final class VersionedKeySet implements KeySet {
    private final KeySet base;
    private final int version;
    /** The versioned key of an id and algorithm, or null when the set lacks it. */
    private final BiFunction<String, Algorithm, byte[]> lookup;

    VersionedKeySet(KeySet base, int version, BiFunction<String, Algorithm, byte[]> lookup) {
        this.base = base;
        this.version = version;
        this.lookup = lookup;
    }

    static boolean versioned(String id) {
        return Dictionary.standard().keys().isVersioned(id);
    }

    @Override
    public String name() {
        return base.name();
    }

    @Override
    public boolean isDemo() {
        return base.isDemo();
    }

    @Override
    public byte keyVersion() {
        return (byte) version;
    }

    @Override
    public SortedSet<Integer> versions() {
        return base.versions();
    }

    @Override
    public KeySet atVersion(int v) {
        return base.atVersion(v);
    }

    @Override
    public byte[] key(String id) {
        return key(id, Algorithm.TDES);
    }

    @Override
    public boolean has(String id) {
        return has(id, Algorithm.TDES);
    }

    @Override
    public byte[] key(String id, Algorithm algorithm) {
        if (!versioned(id)) {
            return base.key(id, algorithm);
        }
        byte[] k = lookup.apply(id, algorithm);
        if (k == null) {
            throw new NoSuchElementException(String.format(
                    "key set %s has no %s key %s of key version %02X (alias %s)",
                    base.name(), algorithm, id, version, KeySet.alias(id, algorithm, version)));
        }
        return k;
    }

    @Override
    public boolean has(String id, Algorithm algorithm) {
        if (!versioned(id)) {
            return base.has(id, algorithm);
        }
        byte[] k = lookup.apply(id, algorithm);
        if (k != null) {
            java.util.Arrays.fill(k, (byte) 0);
        }
        return k != null;
    }

    @Override
    public String toString() {
        return "KeySet[" + base.name() + ", key version " + String.format("%02X", version)
                + (base.isDemo() ? ", DEMO ONLY" : "") + "]";
    }
}
