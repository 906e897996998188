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
import java.util.Locale;
import java.util.NoSuchElementException;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Issuer keys in a password-protected key store (BCFKS by Bouncy Castle, or PKCS#12): one secret-key entry per
 * key, aliased by its lower-case id (mpk, mlk, …). Key version 01.
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

    /** Stores a key under its id; call {@link #save} to write the store. */
    public void put(String id, byte[] key) {
        try {
            store.setEntry(
                    alias(id),
                    new KeyStore.SecretKeyEntry(new SecretKeySpec(key, "DESede")),
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
        try {
            Key k = store.getKey(alias(id), password);
            if (k == null) {
                throw new NoSuchElementException("key store " + name + " has no key " + id);
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
        try {
            return store.containsAlias(alias(id));
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String alias(String id) {
        return id.toLowerCase(Locale.ROOT);
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
