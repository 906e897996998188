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
import org.springframework.stereotype.Component;

/**
 * The key that signs bank-file manifests (dictionary key CFSK): an Ed25519 private key and its certificate in a
 * BCFKS key store under alias {@value #ALIAS}. Configured ({@code citycard.settlement.signing.key-store}) it is opened
 * with the password from the environment; "demo" (the default) generates a key pair on first use into
 * {@code <data-dir>/keys/demo-file-signing.bcfks}, its certificate named DEMO, with a random store password in an
 * owner-readable file beside it. The private key never leaves this class except to the signer.
 */
@Component
public class FileSigningKey {
    public static final String ALIAS = "cfsk";
    static final String DEMO_STORE = "demo-file-signing.bcfks";
    static final String DEMO_PASSWORD = "demo-file-signing.password";
    private static final Logger log = LoggerFactory.getLogger(FileSigningKey.class);

    private final CityCardProperties properties;
    private volatile Loaded loaded;

    record Loaded(PrivateKey key, X509Certificate certificate, boolean demo, String source) {}

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

    public X509Certificate certificate() {
        return get().certificate();
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

    private static Loaded load(Path path, char[] password, boolean demo) {
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore ks = KeyStore.getInstance("BCFKS", "BC");
            ks.load(in, password);
            if (!(ks.getKey(ALIAS, password) instanceof PrivateKey key)) {
                throw new IllegalStateException("signing key store " + path + " holds no private key under alias "
                        + ALIAS + " (dictionary key CFSK)");
            }
            X509Certificate cert = (X509Certificate) ks.getCertificate(ALIAS);
            return new Loaded(key, cert, demo, path.toString());
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
