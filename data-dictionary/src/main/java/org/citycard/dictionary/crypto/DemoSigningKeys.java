package org.citycard.dictionary.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * DEMO signing keys made on first use: a key pair with a self-signed certificate in a BCFKS key store, its random
 * password in an owner-readable file beside it. Ed25519 for the bank files' key (CFSK) and the exchange parties'
 * keys; SM2 on curve sm2p256v1 with an SM3withSM2 certificate for the bank files' SM2 key (CFSK_SM2), added to the
 * same store under its own alias. Real keys come in configured key stores.
 */
public final class DemoSigningKeys {
    private DemoSigningKeys() {}

    /** The kinds of demo key: the key pair and the certificate's signature algorithm. */
    public enum Type {
        /** Ed25519, self-signed with Ed25519. */
        ED25519("Ed25519", null, "Ed25519"),
        /** SM2 (GB/T 32918) on sm2p256v1, self-signed with SM3withSM2. */
        SM2("EC", "sm2p256v1", "SM3withSM2");

        private final String keyAlgorithm;
        private final String curve;
        private final String signatureAlgorithm;

        Type(String keyAlgorithm, String curve, String signatureAlgorithm) {
            this.keyAlgorithm = keyAlgorithm;
            this.curve = curve;
            this.signatureAlgorithm = signatureAlgorithm;
        }
    }

    /**
     * Writes {@code passwordFile} and then {@code store} (an Ed25519 private key and certificate under {@code alias}),
     * the store written beside its place and moved in, so it exists only complete. The
     * certificate is valid from a day back, for ten years: a signature may carry a signing time recorded a moment
     * before the key was first made (a day close's creation time), and must still verify.
     */
    public static void create(Path store, Path passwordFile, String alias, String subject)
            throws IOException, GeneralSecurityException {
        ensureProvider();
        char[] password = randomPassword();
        KeyStore ks = KeyStore.getInstance("BCFKS", "BC");
        ks.load(null, password);
        add(ks, password, alias, subject, Type.ED25519);
        // the password first, the store moved in whole last: a store that exists is complete and has its password
        // (a server opens its demo keys at start, so a kill at start must not leave half a store behind)
        writeOwnerOnly(passwordFile, new String(password) + System.lineSeparator());
        Path tmp = store.resolveSibling("." + store.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            ks.store(out, password);
        }
        try {
            Files.move(tmp, store, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, store, StandardCopyOption.REPLACE_EXISTING);
        }
        java.util.Arrays.fill(password, '\0');
    }

    /**
     * Adds a key pair of this type with its self-signed certificate (valid from a day back, for ten years) under
     * {@code alias} to {@code ks}.
     */
    public static void add(KeyStore ks, char[] password, String alias, String subject, Type type)
            throws GeneralSecurityException {
        ensureProvider();
        KeyPairGenerator g = KeyPairGenerator.getInstance(type.keyAlgorithm, "BC");
        if (type.curve != null) {
            g.initialize(new ECGenParameterSpec(type.curve), new SecureRandom());
        }
        KeyPair pair = g.generateKeyPair();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        X500Name name = new X500Name(subject);
        X509Certificate cert;
        try {
            cert = new JcaX509CertificateConverter()
                    .setProvider("BC")
                    .getCertificate(new JcaX509v3CertificateBuilder(
                                    name,
                                    new BigInteger(64, new SecureRandom()),
                                    Date.from(now.minus(1, ChronoUnit.DAYS)),
                                    Date.from(now.plus(3650, ChronoUnit.DAYS)),
                                    name,
                                    pair.getPublic())
                            .build(new JcaContentSignerBuilder(type.signatureAlgorithm)
                                    .setProvider("BC")
                                    .build(pair.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e.getMessage(), e);
        }
        ks.setKeyEntry(alias, pair.getPrivate(), password, new java.security.cert.Certificate[] {cert});
    }

    /**
     * Adds a key of this type under {@code alias} to the existing BCFKS {@code store} unless it holds a key there
     * already; the store is rewritten whole (a temporary file moved over it), so a crash leaves the old one.
     */
    public static synchronized void addIfMissing(Path store, char[] password, String alias, String subject, Type type)
            throws IOException {
        ensureProvider();
        try {
            KeyStore ks = KeyStore.getInstance("BCFKS", "BC");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, password);
            }
            if (ks.isKeyEntry(alias)) {
                return;
            }
            add(ks, password, alias, subject, type);
            Path tmp = store.resolveSibling("." + store.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                ks.store(out, password);
            }
            try {
                Files.move(tmp, store, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, store, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot add the demo " + type + " key " + alias + " to " + store + ": "
                    + e.getClass().getSimpleName());
        }
    }

    private static void ensureProvider() {
        if (Security.getProvider("BC") == null) {
            Security.addProvider(new BouncyCastleProvider());
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
