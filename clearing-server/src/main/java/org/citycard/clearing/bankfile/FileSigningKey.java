package org.citycard.clearing.bankfile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Security;
import java.security.cert.X509Certificate;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.citycard.clearing.config.CityCardProperties;
import org.citycard.dictionary.crypto.DemoSigningKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The keys that sign bank-file manifests: dictionary key CFSK, an Ed25519 private key and its certificate in a BCFKS
 * key store under alias {@value #ALIAS}, and CFSK_SM2, an SM2 private key (curve sm2p256v1) and its certificate under
 * alias {@value #SM2_ALIAS} in the same store, for the banks that want SM3withSM2 (issue 16). A store needs the alias
 * of each algorithm some bank is configured for; a bank file whose algorithm has no key fails with the alias named.
 * Configured ({@code citycard.settlement.signing.key-store}) the store is opened with the password from the
 * environment; "demo" (the default) generates both key pairs on first use into
 * {@code <data-dir>/keys/demo-file-signing.bcfks}, their certificates named DEMO, with a random store password in an
 * owner-readable file beside it (a demo store made before SM2 gains the SM2 entry). The private keys never leave this
 * class except to the signer.
 */
@Component
public class FileSigningKey {
    public static final String ALIAS = "cfsk";
    public static final String SM2_ALIAS = "cfsk-sm2";
    static final String DEMO_STORE = "demo-file-signing.bcfks";
    static final String DEMO_PASSWORD = "demo-file-signing.password";
    /** The demo SM2 key's certificate subject (CFSK_SM2, added to the demo store beside the Ed25519 key). */
    public static final String DEMO_SM2_SUBJECT =
            "CN=CityCard DEMO SM2 file signing key - not for production,O=CityCard demo";

    private static final Logger log = LoggerFactory.getLogger(FileSigningKey.class);

    private final CityCardProperties properties;
    private volatile Loaded loaded;

    /** The store's keys: the Ed25519 one ({@code key}, {@code certificate}; null when absent) and the SM2 one. */
    record Loaded(
            PrivateKey key,
            X509Certificate certificate,
            PrivateKey sm2Key,
            X509Certificate sm2Certificate,
            boolean demo,
            String source) {
        /** The key and certificate for {@code algorithm}. */
        Loaded of(ManifestAlgorithm algorithm) {
            PrivateKey k = algorithm == ManifestAlgorithm.SM2 ? sm2Key : key;
            X509Certificate c = algorithm == ManifestAlgorithm.SM2 ? sm2Certificate : certificate;
            if (k == null || c == null) {
                throw new IllegalStateException("signing key store " + source + " holds no private key and"
                        + " certificate under alias " + algorithm.alias() + ", which a bank configured for "
                        + algorithm + " manifest signatures needs");
            }
            return new Loaded(k, c, null, null, demo, source);
        }
    }

    public FileSigningKey(CityCardProperties properties) {
        this.properties = properties;
    }

    /** The key and certificate, opened (or for the demo created) on first use. */
    Loaded get() {
        Loaded l = loaded;
        if (l == null) {
            synchronized (this) {
                if (loaded == null) {
                    loaded = open();
                }
                l = loaded;
            }
        }
        return l;
    }

    /**
     * Opens the keys once the server is up, as a server holding its keys does, so that no day close pays for opening
     * (or, for the demo, creating) the key store; they are kept for the server's life. A store that cannot be opened
     * is logged here and named again, with the same message, by the first close that needs it.
     */
    @EventListener(ApplicationReadyEvent.class)
    void openAtStart() {
        try {
            get();
        } catch (RuntimeException e) {
            log.warn("bank-file signing keys not opened at start (the close will need them): {}", e.getMessage());
        }
    }

    /** The Ed25519 (CFSK) certificate. */
    public X509Certificate certificate() {
        return certificate(ManifestAlgorithm.ED25519);
    }

    /** The certificate of the key for {@code algorithm}. */
    public X509Certificate certificate(ManifestAlgorithm algorithm) {
        return get().of(algorithm).certificate();
    }

    public boolean isDemo() {
        return get().demo();
    }

    private Loaded open() {
        ensureProvider();
        CityCardProperties.Signing signing = properties.settlement().signing();
        if (!"demo".equals(signing.keyStore())) {
            String password = System.getenv(signing.passwordEnv());
            if (password == null) {
                throw new IllegalStateException("signing key store " + signing.keyStore()
                        + " needs its password in the environment variable " + signing.passwordEnv()
                        + ", which is not set");
            }
            return load(Path.of(signing.keyStore()), password.toCharArray(), false);
        }
        Path dir = properties.dataDir().resolve("keys");
        Path store = dir.resolve(DEMO_STORE);
        Path passwordFile = dir.resolve(DEMO_PASSWORD);
        try {
            if (!Files.exists(store)) {
                createDemo(dir, store, passwordFile);
            }
            char[] password = Files.readString(passwordFile).strip().toCharArray();
            DemoSigningKeys.addIfMissing(store, password, SM2_ALIAS, DEMO_SM2_SUBJECT, DemoSigningKeys.Type.SM2);
            Loaded l = load(store, password, true);
            log.warn(
                    "Bank files are signed with the DEMO file-signing key in {}: for tests and the demo only;"
                            + " configure citycard.settlement.signing.key-store for production",
                    store);
            return l;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the demo signing key store in " + dir + ": " + e);
        }
    }

    static Loaded load(Path path, char[] password, boolean demo) {
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore ks = KeyStore.getInstance("BCFKS", "BC");
            ks.load(in, password);
            PrivateKey key = ks.getKey(ALIAS, password) instanceof PrivateKey k ? k : null;
            PrivateKey sm2 = ks.getKey(SM2_ALIAS, password) instanceof PrivateKey k ? k : null;
            if (key == null && sm2 == null) {
                throw new IllegalStateException("signing key store " + path + " holds no private key under alias "
                        + ALIAS + " (dictionary key CFSK, Ed25519) nor " + SM2_ALIAS + " (CFSK_SM2, SM2)");
            }
            return new Loaded(
                    key,
                    key == null ? null : (X509Certificate) ks.getCertificate(ALIAS),
                    sm2,
                    sm2 == null ? null : (X509Certificate) ks.getCertificate(SM2_ALIAS),
                    demo,
                    path.toString());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("signing key store " + path
                    + " cannot be opened: wrong password or not a BCFKS store ("
                    + e.getClass().getSimpleName()
                    + ")");
        }
    }

    private static void createDemo(Path dir, Path store, Path passwordFile) throws IOException {
        Files.createDirectories(dir);
        try {
            DemoSigningKeys.create(
                    store,
                    passwordFile,
                    ALIAS,
                    "CN=CityCard DEMO file signing key - not for production,O=CityCard demo");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate the demo file-signing key: " + e.getMessage(), e);
        }
    }

    static void ensureProvider() {
        if (Security.getProvider("BC") == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }

    @Override
    public String toString() {
        Loaded l = loaded;
        return "FileSigningKey[" + (l == null ? "not opened" : l.source() + (l.demo() ? ", DEMO" : "")) + "]";
    }
}
