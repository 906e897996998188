package org.citycard.dictionary.crypto;

import java.nio.file.Path;
import org.citycard.dictionary.Dictionary;

/**
 * A set of issuer master keys (MPK, MLK, MTK, MAMK, …) and the transport key, of each algorithm it has: 3DES
 * ({@link #key(String)}) and SM4 ({@link #key(String, Algorithm)}). Key values leave it only as byte
 * arrays to the crypto; they are never part of a toString, a log or an exception message.
 */
public interface KeySet {
    /** The set's name: "demo", or the key store's file name. */
    String name();

    /** True for the dictionary's public demo key set. */
    boolean isDemo();

    /** The key version of this set's card master keys: 01 for a key store's plain aliases and the demo set. */
    byte keyVersion();

    /**
     * Every key version whose card master keys (keys.yaml {@code versionedKeys}: MPK, MLK, MTK, MAMK, …) the set
     * holds, ascending (issue 22); a set of one generation holds its {@link #keyVersion()} only.
     */
    default java.util.SortedSet<Integer> versions() {
        return new java.util.TreeSet<>(java.util.List.of(keyVersion() & 0xFF));
    }

    /** The newest key version the set holds (the default of a production batch). */
    default int newestVersion() {
        return versions().last();
    }

    /**
     * This set at key version {@code version}: its {@link #keyVersion()} is that version and a versioned card master
     * key (MPK, MLK, …) is the one of that version (key store alias {@code <id>-vNN}, {@code <id>-sm4-vNN}; demo
     * {@code demoKeySet.versions}); every other key (LMK, TK, MTMK) is this set's own.
     *
     * @throws java.util.NoSuchElementException naming the version (never a value) when the set holds no keys of it
     */
    default KeySet atVersion(int version) {
        if (version == (keyVersion() & 0xFF)) {
            return this;
        }
        throw new java.util.NoSuchElementException(String.format(
                "key set %s holds no keys of key version %02X (it holds %s)", name(), version, versionsText(this)));
    }

    /** The versions of a set as two hex digits each ({@code 01, 02}), for messages. */
    static String versionsText(KeySet set) {
        return set.versions().stream()
                .map(v -> String.format("%02X", v))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * A master key by its id in keys.yaml (MPK, MLK, …).
     *
     * @throws java.util.NoSuchElementException naming the id (never a value) when the set does not hold it
     */
    byte[] key(String id);

    /** True when the set holds the key. */
    boolean has(String id);

    /**
     * A master key of an algorithm: {@link Algorithm#TDES} is {@link #key(String)}; {@link Algorithm#SM4} is the SM4
     * key of that id (keys.yaml {@code demoKeySet.sm4Keys}; in a key store the entry aliased {@link #alias(String,
     * Algorithm) id-sm4}, e.g. {@code mpk-sm4}).
     *
     * @throws java.util.NoSuchElementException naming the id and the algorithm (never a value) when the set does not
     *     hold it
     */
    default byte[] key(String id, Algorithm algorithm) {
        if (algorithm == Algorithm.TDES) {
            return key(id);
        }
        throw new java.util.NoSuchElementException("key set " + name() + " has no " + algorithm + " key " + id);
    }

    /** True when the set holds the key of that algorithm. */
    default boolean has(String id, Algorithm algorithm) {
        return algorithm == Algorithm.TDES && has(id);
    }

    /**
     * The key store alias of a key: its lower-case id for 3DES ({@code mpk}), the lower-case id and {@code -sm4} for
     * SM4 ({@code mpk-sm4}).
     */
    static String alias(String id, Algorithm algorithm) {
        String base = id.toLowerCase(java.util.Locale.ROOT);
        return algorithm == Algorithm.SM4 ? base + "-sm4" : base;
    }

    /**
     * The key store alias of a key of a key version: {@link #alias(String, Algorithm)} for version 01 (the stores of
     * before issue 22 keep working), with {@code -vNN} (two lower-case hex digits) for another one: {@code mpk-v02},
     * {@code mpk-sm4-v02}.
     */
    static String alias(String id, Algorithm algorithm, int version) {
        if (version < 1 || version > 0xFF) {
            throw new IllegalArgumentException("key version " + version + ": must be 01 to FF");
        }
        String base = alias(id, algorithm);
        return version == 1 ? base : base + String.format(java.util.Locale.ROOT, "-v%02x", version);
    }

    /** The dictionary's demo key set: only when asked for by name. */
    static KeySet demo() {
        return DemoKeySet.from(Dictionary.standard());
    }

    /** Opens a key set by name: "demo", or the path of a PKCS#12 / BCFKS key store. */
    static KeySet open(String nameOrPath, char[] password) {
        if ("demo".equals(nameOrPath)) {
            return demo();
        }
        return KeyStoreKeySet.open(Path.of(nameOrPath), password);
    }
}
