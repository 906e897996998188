package org.citycard.dictionary.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo signing keys: an Ed25519 store made on first use, an SM2 key added to it once, each self-signed. */
class DemoSigningKeysTest {
    @TempDir
    Path dir;

    @Test
    void create_thenAddSm2_oneStoreWithBothKeys_eachSigningWhatItsCertificateVerifies() throws Exception {
        Path store = dir.resolve("demo.bcfks");
        Path passwordFile = dir.resolve("demo.password");
        DemoSigningKeys.create(store, passwordFile, "cfsk", "CN=demo ed25519");
        char[] password = Files.readString(passwordFile).strip().toCharArray();
        DemoSigningKeys.addIfMissing(store, password, "cfsk-sm2", "CN=demo sm2", DemoSigningKeys.Type.SM2);
        X509Certificate sm2First = (X509Certificate) load(store, password).getCertificate("cfsk-sm2");
        DemoSigningKeys.addIfMissing(store, password, "cfsk-sm2", "CN=demo sm2", DemoSigningKeys.Type.SM2);

        KeyStore ks = load(store, password);
        assertThat(ks.getCertificate("cfsk-sm2")).as("added once, kept after").isEqualTo(sm2First);
        signsAndVerifies(ks, password, "cfsk", "Ed25519", "CN=demo ed25519");
        signsAndVerifies(ks, password, "cfsk-sm2", "SM3withSM2", "CN=demo sm2");
    }

    @Test
    void create_afterACreationKilledHalfway_leavesOnlyAWholeStoreWithItsPassword() throws Exception {
        Path store = dir.resolve("demo.bcfks");
        Path passwordFile = dir.resolve("demo.password");
        Path torn = dir.resolve(".demo.bcfks.tmp");
        Files.write(torn, new byte[] {0x30, (byte) 0x82, 0x01}); // what a kill in the middle of writing leaves

        DemoSigningKeys.create(store, passwordFile, "cfsk", "CN=demo ed25519");

        assertThat(torn).doesNotExist();
        char[] password = Files.readString(passwordFile).strip().toCharArray();
        signsAndVerifies(load(store, password), password, "cfsk", "Ed25519", "CN=demo ed25519");
    }

    private static void signsAndVerifies(KeyStore ks, char[] password, String alias, String algorithm, String subject)
            throws Exception {
        X509Certificate cert = (X509Certificate) ks.getCertificate(alias);
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo(subject);
        assertThat(cert.getSigAlgName()).isEqualToIgnoringCase(algorithm);
        cert.verify(cert.getPublicKey(), "BC"); // self-signed
        assertThat(cert.getNotBefore().toInstant()).isBefore(Instant.now().minus(23, ChronoUnit.HOURS));
        byte[] message = "manifest".getBytes(StandardCharsets.US_ASCII);
        Signature s = Signature.getInstance(algorithm, "BC");
        s.initSign((PrivateKey) ks.getKey(alias, password));
        s.update(message);
        byte[] signature = s.sign();
        Signature v = Signature.getInstance(algorithm, "BC");
        v.initVerify(cert);
        v.update(message);
        assertThat(v.verify(signature)).isTrue();
    }

    private static KeyStore load(Path store, char[] password) throws Exception {
        KeyStore ks = KeyStore.getInstance("BCFKS", "BC");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, password);
        }
        return ks;
    }
}
