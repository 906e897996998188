package org.citycard.dictionary.crypto;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
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

/**
 * A DEMO signing key made on first use: an Ed25519 key pair with a self-signed certificate in a BCFKS key store,
 * its random password in an owner-readable file beside it. One way of making it for the bank files' key (CFSK) and
 * the exchange parties' keys.
 */
public final class DemoSigningKeys {
    private DemoSigningKeys() {}

    /**
     * Writes {@code store} (private key and certificate under {@code alias}) and {@code passwordFile}. The certificate
     * is valid from a day back, for ten years: a signature may carry a signing time recorded a moment before the key
     * was first made (a day close's creation time), and must still verify.
     */
    public static void create(Path store, Path passwordFile, String alias, String subject)
            throws IOException, GeneralSecurityException {
        if (Security.getProvider("BC") == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
        char[] password = randomPassword();
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519", "BC").generateKeyPair();
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
                            .build(new JcaContentSignerBuilder("Ed25519")
                                    .setProvider("BC")
                                    .build(pair.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e.getMessage(), e);
        }
        KeyStore ks = KeyStore.getInstance("BCFKS", "BC");
        ks.load(null, password);
        ks.setKeyEntry(alias, pair.getPrivate(), password, new java.security.cert.Certificate[] {cert});
        try (OutputStream out = Files.newOutputStream(store)) {
            ks.store(out, password);
        }
        writeOwnerOnly(passwordFile, new String(password) + System.lineSeparator());
        java.util.Arrays.fill(password, '\0');
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
