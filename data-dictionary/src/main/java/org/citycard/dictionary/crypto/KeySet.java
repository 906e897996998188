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

    byte keyVersion();

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
