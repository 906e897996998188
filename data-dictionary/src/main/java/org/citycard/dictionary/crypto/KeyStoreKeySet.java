package org.citycard.dictionary.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.Security;
import java.util.NoSuchElementException;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Issuer keys in a password-protected key store (BCFKS by Bouncy Castle, or PKCS#12): one secret-key entry per
 * key, aliased by its lower-case id for 3DES (mpk, mlk, …) and by its lower-case id and {@code -sm4} for SM4
 * (mpk-sm4, mlk-sm4, …; {@link KeySet#alias}): key version 01. The card master keys of another version are the entries
 * aliased {@code <id>-vNN} and {@code <id>-sm4-vNN} (mpk-v02, mpk-sm4-v02; issue 22, {@link #atVersion}). BCFKS does not know SM4 as a key algorithm, so an SM4
 * key's entry is a 128-bit secret key labelled AES: the alias, not the label, says which algorithm it is for.
 */
public final class KeyStoreKeySet implements KeySet {
    private final String name;
    private final KeyStore store;
    private final char[] password;

    private KeyStoreKeySet(String name, KeyStore store, char[] password) {
        this.name = name;
        this.store = store;
        this.password = password.clone();
    }

    /** Opens a BCFKS or PKCS#12 store; the error never shows the password. */
    public static KeyStoreKeySet open(Path path, char[] password) {
        ensureProvider();
        GeneralSecurityException last = null;
        for (String type : new String[] {"BCFKS", "PKCS12"}) {
            try (InputStream in = Files.newInputStream(path)) {
                KeyStore ks = type.equals("BCFKS") ? KeyStore.getInstance(type, "BC") : KeyStore.getInstance(type);
                ks.load(in, password);
                return new KeyStoreKeySet(path.getFileName().toString(), ks, password);
            } catch (IOException e) {
                if (!Files.exists(path)) {
                    throw new IllegalArgumentException("key store " + path + " does not exist");
                }
                last = new GeneralSecurityException(e.getMessage());
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw new IllegalArgumentException("key store " + path
                + " cannot be opened: wrong password or not a BCFKS / PKCS#12 store (" + last.getMessage() + ")");
    }

    /** Creates an empty BCFKS store (key ceremonies add to it with {@link #put}). */
    public static KeyStoreKeySet create(Path path, char[] password) {
        ensureProvider();
        try {
            KeyStore ks = KeyStore.getInstance("BCFKS", "BC");
            ks.load(null, password);
            KeyStoreKeySet set = new KeyStoreKeySet(path.getFileName().toString(), ks, password);
            set.save(path);
            return set;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot create key store " + path + ": " + e.getMessage(), e);
        }
    }

    /** Stores a 3DES key under its id; call {@link #save} to write the store. */
    public void put(String id, byte[] key) {
        put(id, Algorithm.TDES, key);
    }

    /** Stores a key of an algorithm under its alias ({@link KeySet#alias}); call {@link #save} to write the store. */
    public void put(String id, Algorithm algorithm, byte[] key) {
        put(id, algorithm, 1, key);
    }

    /**
     * Stores a card master key of a key version under its alias ({@link KeySet#alias(String, Algorithm, int)}: version
     * 01 the plain alias, another {@code -vNN}); call {@link #save} to write the store.
     */
    public void put(String id, Algorithm algorithm, int version, byte[] key) {
        if (version != 1 && !VersionedKeySet.versioned(id)) {
            throw new IllegalArgumentException(
                    "key " + id + ": only the card master keys have key versions (keys.yaml versionedKeys), not " + id);
        }
        if (algorithm == Algorithm.SM4 && key.length != 16) {
            throw new IllegalArgumentException("key " + id + ": an SM4 key is 16 bytes, this one is " + key.length);
        }
        try {
            store.setEntry(
                    KeySet.alias(id, algorithm, version),
                    new KeyStore.SecretKeyEntry(new SecretKeySpec(key, algorithm == Algorithm.SM4 ? "AES" : "DESede")),
                    new KeyStore.PasswordProtection(password));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "cannot store key " + id + ": " + e.getClass().getSimpleName(), e);
        }
    }

    public void save(Path path) {
        try (OutputStream out = Files.newOutputStream(path)) {
            store.store(out, password);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot write key store " + path + ": " + e.getMessage(), e);
        }
    }

    /** The underlying store (for the terminal key store's one-alias check). */
    KeyStore keyStore() {
        return store;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean isDemo() {
        return false;
    }

    @Override
    public byte keyVersion() {
        return 0x01;
    }

    @Override
    public byte[] key(String id) {
        return key(id, Algorithm.TDES);
    }

    /** Version 01 and every version {@code NN} of an entry aliased {@code <id>[-sm4]-vNN}. */
    @Override
    public java.util.SortedSet<Integer> versions() {
        java.util.SortedSet<Integer> all = new java.util.TreeSet<>();
        all.add(1);
        try {
            for (String alias : java.util.Collections.list(store.aliases())) {
                java.util.regex.Matcher m = VERSIONED_ALIAS.matcher(alias.toLowerCase(java.util.Locale.ROOT));
                if (m.matches()) {
                    all.add(Integer.parseInt(m.group(1), 16));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "cannot list key store " + name + ": " + e.getClass().getSimpleName(), e);
        }
        return all;
    }

    /** The card master keys of another version: the entries aliased {@code -vNN} (issue 22). */
    @Override
    public KeySet atVersion(int version) {
        if (version == 1) {
            return this;
        }
        if (!versions().contains(version)) {
            return KeySet.super.atVersion(version);
        }
        return new VersionedKeySet(this, version, (id, alg) -> {
            String alias = KeySet.alias(id, alg, version);
            try {
                return store.containsAlias(alias) ? keyByAlias(id, alg, alias) : null;
            } catch (GeneralSecurityException e) {
                return null;
            }
        });
    }

    private static final java.util.regex.Pattern VERSIONED_ALIAS =
            java.util.regex.Pattern.compile("[a-z0-9_]+(?:-sm4)?-v([0-9a-f]{2})");

    @Override
    public byte[] key(String id, Algorithm algorithm) {
        return keyByAlias(id, algorithm, KeySet.alias(id, algorithm));
    }

    private byte[] keyByAlias(String id, Algorithm algorithm, String alias) {
        try {
            Key k = store.getKey(alias, password);
            if (k == null) {
                throw new NoSuchElementException("key store " + name + " has no "
                        + (algorithm == Algorithm.SM4 ? "SM4 " : "") + "key " + id
                        + (algorithm == Algorithm.SM4 || !alias.equals(KeySet.alias(id, algorithm))
                                ? " (alias " + alias + ")"
                                : ""));
            }
            return k.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "cannot read key " + id + " from " + name + ": "
                            + e.getClass().getSimpleName(),
                    e);
        }
    }

    @Override
    public boolean has(String id) {
        return has(id, Algorithm.TDES);
    }

    @Override
    public boolean has(String id, Algorithm algorithm) {
        try {
            return store.containsAlias(KeySet.alias(id, algorithm));
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static void ensureProvider() {
        if (Security.getProvider("BC") == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }

    @Override
    public String toString() {
        return "KeySet[" + name + "]";
    }
}
