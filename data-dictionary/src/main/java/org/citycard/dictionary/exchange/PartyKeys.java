package org.citycard.dictionary.exchange;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * An exchange party's signing key: an Ed25519 private key and its certificate in a BCFKS key store under alias
 * {@value #ALIAS}, the store's password beside it in an owner-readable file (demo) or given by the caller. Also the
 * PEM form of certificates, which is how parties hand each other their public halves.
 */
public final class PartyKeys {
    public static final String ALIAS = "exchange";

    private PartyKeys() {}

    /** A party's key and certificate; the private key is used only to sign. */
    public record PartyKey(String party, PrivateKey privateKey, X509Certificate certificate) {
        @Override
        public String toString() {
            return "PartyKey[" + party + ", " + certificate.getSubjectX500Principal() + "]";
        }
    }

    /**
     * Opens the key store {@code store}, creating it first with a new key pair (certificate marked DEMO) when it does
     * not exist; the password lives in {@code store + ".password"}, owner-readable only.
     */
    public static PartyKey openOrCreateDemo(Path store, String party) {
        DocumentSignature.ensureProvider();
        Path passwordFile = store.resolveSibling(store.getFileName() + ".password");
        try {
            if (!Files.exists(store)) {
                Files.createDirectories(store.toAbsolutePath().getParent());
                char[] password = randomPassword();
                create(store, password, party);
                writeOwnerOnly(passwordFile, new String(password) + System.lineSeparator());
            }
            return open(store, Files.readString(passwordFile).strip().toCharArray(), party);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the exchange key store " + store + ": " + e);
        }
    }

    /** Opens a BCFKS key store with a private-key entry {@value #ALIAS}. */
    public static PartyKey open(Path store, char[] password, String party) {
        DocumentSignature.ensureProvider();
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore ks = KeyStore.getInstance("BCFKS", "BC");
            ks.load(in, password);
            if (!(ks.getKey(ALIAS, password) instanceof PrivateKey key)) {
                throw new IllegalStateException(
                        "exchange key store " + store + " holds no private key under alias " + ALIAS);
            }
            return new PartyKey(party, key, (X509Certificate) ks.getCertificate(ALIAS));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("exchange key store " + store
                    + " cannot be opened: wrong password or not a BCFKS store ("
                    + e.getClass().getSimpleName()
                    + ")");
        }
    }

    private static void create(Path store, char[] password, String party) throws IOException {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519", "BC").generateKeyPair();
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            X500Name name = new X500Name(
                    "CN=CityCard exchange party " + party + " DEMO - not for production," + "O=CityCard demo");
            X509Certificate cert = new JcaX509CertificateConverter()
                    .setProvider("BC")
                    .getCertificate(new JcaX509v3CertificateBuilder(
                                    name,
                                    new BigInteger(64, new SecureRandom()),
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
            try (OutputStream out = Files.newOutputStream(store)) {
                ks.store(out, password);
            }
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot generate an exchange key for " + party + ": " + e.getMessage(), e);
        }
    }

    public static String toPem(X509Certificate certificate) {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(certificate);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return w.toString();
    }

    /** A certificate from its PEM text; a clear error when it is not one. */
    public static X509Certificate fromPem(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("certificate: not a PEM X.509 certificate (" + e.getMessage() + ")");
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
}
