package org.citycard.dictionary.crypto;

import java.nio.file.Path;
import org.citycard.dictionary.Dictionary;

/**
 * A set of issuer master keys (MPK, MLK, MTK, MAMK, …) and the transport key. Key values leave it only as byte
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
