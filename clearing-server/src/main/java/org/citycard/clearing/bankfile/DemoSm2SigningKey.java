package org.citycard.clearing.bankfile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * DEMO ONLY: the SM2 file-signing key (CFSK_SM2) of the demo key store, made the way the demo Ed25519 key is
 * ({@link org.citycard.dictionary.crypto.DemoSigningKeys}): an SM2 key pair on curve sm2p256v1 with a self-signed
 * SM3withSM2 certificate named DEMO, valid from a day back for ten years, added to the existing demo store under its
 * own alias. Real SM2 keys come in the configured key store.
 */
public final class DemoSm2SigningKey {
    public static final String SUBJECT = "CN=CityCard DEMO SM2 file signing key - not for production,O=CityCard demo";

    private DemoSm2SigningKey() {}

    /** Adds an SM2 key pair and certificate under {@code alias} to the BCFKS {@code store} unless it holds one. */
    static synchronized void addIfMissing(Path store, char[] password, String alias) throws IOException {
        FileSigningKey.ensureProvider();
        try {
            KeyStore ks = KeyStore.getInstance("BCFKS", "BC");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, password);
            }
            if (ks.isKeyEntry(alias)) {
                return;
            }
            add(ks, password, alias, SUBJECT);
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
            throw new IllegalStateException("cannot add the demo SM2 file-signing key to " + store + ": "
                    + e.getClass().getSimpleName());
        }
    }

    /** Generates an SM2 key pair with a self-signed certificate into {@code ks} under {@code alias}. */
    public static void add(KeyStore ks, char[] password, String alias, String subject) throws GeneralSecurityException {
        FileSigningKey.ensureProvider();
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", "BC");
        g.initialize(new ECGenParameterSpec("sm2p256v1"), new SecureRandom());
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
                            .build(new JcaContentSignerBuilder("SM3withSM2")
                                    .setProvider("BC")
                                    .build(pair.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e.getMessage(), e);
        }
        ks.setKeyEntry(alias, pair.getPrivate(), password, new java.security.cert.Certificate[] {cert});
    }
}
