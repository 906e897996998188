package org.citycard.dictionary.exchange;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.citycard.dictionary.crypto.DemoSigningKeys;

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
                create(store, passwordFile, party);
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

    private static void create(Path store, Path passwordFile, String party) throws IOException {
        try {
            DemoSigningKeys.create(
                    store,
                    passwordFile,
                    ALIAS,
                    "CN=CityCard exchange party " + party + " DEMO - not for production," + "O=CityCard demo");
        } catch (GeneralSecurityException e) {
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
}
