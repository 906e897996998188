package org.citycard.clearing.bankfile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.citycard.clearing.config.CityCardProperties;
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
        char[] password = randomPassword();
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519", "BC").generateKeyPair();
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            X500Name name = new X500Name("CN=CityCard DEMO file signing key - not for production,O=CityCard demo");
            X509Certificate cert = new JcaX509CertificateConverter()
                    .setProvider("BC")
                    .getCertificate(new JcaX509v3CertificateBuilder(
                                    name,
                                    new BigInteger(64, new SecureRandom()),
                                    // valid from a day back: a day's files carry the creation time the close
                                    // recorded, which may come a moment before the key is first made
                                    Date.from(now.minus(1, ChronoUnit.DAYS)),
                                    Date.from(now.plus(3650, ChronoUnit.DAYS)),
                                    name,
                                    pair.getPublic())
                            .build(new JcaContentSignerBuilder("Ed25519")
                                    .setProvider("BC")
                                    .build(pair.getPrivate())));
            KeyStore ks = KeyStore.getInstance("BCFKS", "BC");
            ks.load(null, password);
            ks.setKeyEntry(ALIAS, pair.getPrivate(), password, new java.security.cert.Certificate[] {cert});
            writeOwnerOnly(passwordFile, new String(password) + System.lineSeparator());
            try (OutputStream out = Files.newOutputStream(store)) {
                ks.store(out, password);
            }
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot generate the demo file-signing key: " + e.getMessage(), e);
        }
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, content);
    }

    private static char[] randomPassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom r = new SecureRandom();
        char[] out = new char[24];
        for (int i = 0; i < out.length; i++) {
            out[i] = alphabet.charAt(r.nextInt(alphabet.length()));
        }
        return out;
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
