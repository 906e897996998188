package org.citycard.clearing.bankfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.jcajce.provider.asymmetric.util.ECUtil;
import org.citycard.clearing.config.CityCardProperties;
import org.citycard.dictionary.validate.ValidationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bank file sets with the national algorithms (issue 16): SM3 beside SHA-256 for every file, the manifest signed
 * with Ed25519, SM2 (SM3withSM2) or both, per bank, with the demo key store's keys. Every check here is made with
 * Bouncy Castle directly, and again with {@link BankFileVerifier} (the bank's check); one changed byte in any file or
 * in the manifest, a stripped signer, and a wrong certificate are refused.
 */
class BankManifestSignatureTest {
    static final String DATE = "20261203";
    static final String BANK = "102100099996";
    static final OffsetDateTime CREATED = OffsetDateTime.of(2026, 12, 4, 0, 0, 0, 0, ZoneOffset.ofHours(8));

    @TempDir
    Path dataDir;

    FileSigningKey key;
    BankFileWriter writer;

    @BeforeEach
    void setUp() {
        CityCardProperties properties = new CityCardProperties(
                dataDir,
                null,
                null,
                null,
                null,
                new CityCardProperties.Settlement(
                        "CITYCARD0001",
                        "城市一卡通清算中心 CityCard Clearing Centre",
                        "",
                        Duration.ofHours(24),
                        new CityCardProperties.Signing("demo", "UNUSED_PASSWORD_ENV")));
        key = new FileSigningKey(properties);
        writer = new BankFileWriter(properties, new ManifestSigner(key));
    }

    static BankFile file(String signatures) {
        return file(signatures, BankFile.MANIFEST_VERSION);
    }

    static BankFile file(String signatures, int version) {
        return file(signatures, version, 12_345 + 678);
    }

    static BankFile file(String signatures, int version, long ctrlSum) {
        String id = BankFile.messageIdOf(DATE, BANK);
        return new BankFile(
                id,
                DATE,
                BANK,
                "中国工商银行",
                "ICBKCNBJXXX",
                "0200001009000012345",
                "城市一卡通清算中心",
                2,
                ctrlSum,
                BankFile.SENT,
                BankFileWriter.folderOf(DATE, BANK),
                null,
                Instant.parse("2026-12-03T16:00:00Z"),
                null,
                signatures,
                version);
    }

    static List<Payment> payments() {
        return List.of(payment("0101", 12_345), payment("0102", 678));
    }

    static Payment payment(String dept, long net) {
        return new Payment(
                PaymentKind.DEPARTMENT.prefix() + DATE + "-" + dept,
                BankFile.messageIdOf(DATE, BANK),
                DATE,
                PaymentKind.DEPARTMENT,
                dept,
                null,
                "公交集团 " + dept,
                "公交集团",
                "6222000000000" + dept,
                "105100000017",
                "PCBCCNBJXXX",
                3,
                net + 10,
                10,
                net,
                Payment.SENT,
                "net of " + DATE,
                null,
                null);
    }

    Path folder() {
        return dataDir.resolve(BankFileWriter.folderOf(DATE, BANK));
    }

    byte[] read(String name) throws Exception {
        return Files.readAllBytes(folder().resolve(name));
    }

    Map<ManifestAlgorithm, X509Certificate> bankCertificates() {
        return BankFileVerifier.certificates(key);
    }

    @Test
    void theDemoStore_holdsAnEd25519AndAnSm2Key_underTheirAliases() throws Exception {
        key.certificate(); // opens, making the demo store
        Path dir = dataDir.resolve("keys");
        char[] password = Files.readString(dir.resolve(FileSigningKey.DEMO_PASSWORD))
                .strip()
                .toCharArray();
        KeyStore ks = KeyStore.getInstance("BCFKS", "BC");
        try (InputStream in = Files.newInputStream(dir.resolve(FileSigningKey.DEMO_STORE))) {
            ks.load(in, password);
        }
        assertThat(ks.getKey("cfsk", password)).isInstanceOf(PrivateKey.class);
        assertThat(ks.getKey("cfsk-sm2", password)).isInstanceOf(PrivateKey.class);
        X509Certificate sm2 = (X509Certificate) ks.getCertificate("cfsk-sm2");
        assertThat(sm2.getSigAlgOID()).isEqualTo(GMObjectIdentifiers.sm2sign_with_sm3.getId());
        assertThat(sm2.getSubjectX500Principal().getName()).contains("DEMO");
        sm2.verify(sm2.getPublicKey(), "BC");
        assertThat(key.certificate(ManifestAlgorithm.SM2)).isEqualTo(sm2);
        assertThat(key.certificate(ManifestAlgorithm.ED25519).getPublicKey().getAlgorithm())
                .isEqualTo("Ed25519");
    }

    @Test
    void aDemoStoreMadeBeforeSm2_gainsTheSm2Key_andKeepsItsEd25519Key() throws Exception {
        Path dir = dataDir.resolve("keys");
        Files.createDirectories(dir);
        org.citycard.dictionary.crypto.DemoSigningKeys.create(
                dir.resolve(FileSigningKey.DEMO_STORE),
                dir.resolve(FileSigningKey.DEMO_PASSWORD),
                FileSigningKey.ALIAS,
                "CN=old demo,O=CityCard demo");
        X509Certificate ed = key.certificate();
        assertThat(ed.getSubjectX500Principal().getName()).contains("old demo");
        assertThat(key.certificate(ManifestAlgorithm.SM2).getSigAlgOID())
                .isEqualTo(GMObjectIdentifiers.sm2sign_with_sm3.getId());
    }

    @Test
    void theManifest_carriesSha256AndSm3_ofEveryFile_computedHereWithBouncyCastle() throws Exception {
        BankFile f = file("ED25519,SM2");
        FileSet set = writer.write(f, payments(), CREATED);
        String manifest = new String(read(BankFileWriter.manifestName(f.messageId())), StandardCharsets.UTF_8);
        assertThat(manifest).startsWith("# CityCard bank file manifest 清算文件清单, version 2\n");
        assertThat(manifest).contains("\nsignatures=ED25519,SM2\n");
        for (String name : List.of(BankFileWriter.painName(f.messageId()), BankFileWriter.detailName(f.messageId()))) {
            byte[] content = read(name);
            assertThat(manifest)
                    .contains("file=" + name + " size=" + content.length + " sha256=" + sha256(content) + " sm3="
                            + sm3(content) + " count=2 total_fen=13023\n");
        }
        assertThat(set.files()).hasSize(4);
        assertThat(set.files().get(0).sm3()).isEqualTo(sm3(read(BankFileWriter.painName(f.messageId()))));
    }

    /** GB/T 32905 appendix A example 1: SM3("abc"), so the SM3 above is the standard's. */
    @Test
    void sm3_isTheStandardsSm3() {
        assertThat(BankFileWriter.sm3("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ED25519", "SM2", "ED25519,SM2"})
    void theSignatureFile_hasExactlyTheBanksSigners_andEachVerifiesWithBouncyCastle(String signatures)
            throws Exception {
        BankFile f = file(signatures);
        writer.write(f, payments(), CREATED);
        byte[] manifest = read(BankFileWriter.manifestName(f.messageId()));
        byte[] signature = read(BankFileWriter.signatureName(f.messageId()));
        Set<ManifestAlgorithm> expected = EnumSet.copyOf(ManifestAlgorithm.parse("s", signatures));

        CMSSignedData signed = new CMSSignedData(new CMSProcessableByteArray(manifest), signature);
        Set<String> oids = new java.util.HashSet<>();
        for (SignerInformation s : signed.getSignerInfos().getSigners()) {
            oids.add(s.getEncryptionAlgOID());
            // the certificate inside the signature, and the bank's own copy of it, verify the signer
            @SuppressWarnings("unchecked")
            var inside = signed.getCertificates().getMatches(s.getSID());
            assertThat(inside).hasSize(1);
            X509Certificate cert = new JcaX509CertificateConverter()
                    .setProvider("BC")
                    .getCertificate((X509CertificateHolder) inside.iterator().next());
            assertThat(s.verify(new JcaSimpleSignerInfoVerifierBuilder()
                            .setProvider("BC")
                            .build(cert)))
                    .isTrue();
            if (s.getEncryptionAlgOID().equals(GMObjectIdentifiers.sm2sign_with_sm3.getId())) {
                assertThat(cert).isEqualTo(key.certificate(ManifestAlgorithm.SM2));
                assertThat(s.getDigestAlgOID()).isEqualTo(GMObjectIdentifiers.sm3.getId());
                assertThat(rawSm2Verifies(s, cert)).isTrue();
            } else {
                assertThat(cert).isEqualTo(key.certificate(ManifestAlgorithm.ED25519));
            }
        }
        Set<String> expectedOids = new java.util.HashSet<>();
        if (expected.contains(ManifestAlgorithm.ED25519)) {
            expectedOids.add("1.3.101.112");
        }
        if (expected.contains(ManifestAlgorithm.SM2)) {
            expectedOids.add(GMObjectIdentifiers.sm2sign_with_sm3.getId());
        }
        assertThat(oids).isEqualTo(expectedOids);
        assertThat(signed.getSignerInfos().size()).isEqualTo(expected.size());

        BankFileVerifier.Verdict v = BankFileVerifier.verify(folder(), f.messageId(), bankCertificates(), expected);
        assertThat(v.problems()).isEmpty();
        assertThat(v.verified()).isEqualTo(expected);
    }

    /**
     * The SM2 signer once more with Bouncy Castle's low-level SM2Signer (GB/T 32918.2, default user ID) over the
     * DER of the signed attributes, as a verifier without CMS support would do it.
     */
    private static boolean rawSm2Verifies(SignerInformation s, X509Certificate cert) throws Exception {
        SM2Signer v = new SM2Signer();
        v.init(
                false,
                new ParametersWithID(
                        ECUtil.generatePublicKeyParameter(cert.getPublicKey()),
                        "1234567812345678".getBytes(StandardCharsets.US_ASCII)));
        byte[] attrs = s.getEncodedSignedAttributes();
        v.update(attrs, 0, attrs.length);
        return v.verifySignature(s.getSignature());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ED25519", "SM2", "ED25519,SM2"})
    void oneChangedByte_inAnyFileOrInTheManifest_isRefused(String signatures) throws Exception {
        BankFile f = file(signatures);
        writer.write(f, payments(), CREATED);
        Set<ManifestAlgorithm> expected = EnumSet.copyOf(ManifestAlgorithm.parse("s", signatures));
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : List.of(BankFileWriter.painName(f.messageId()), BankFileWriter.detailName(f.messageId()))) {
            files.put(name, read(name));
        }
        byte[] manifest = read(BankFileWriter.manifestName(f.messageId()));
        byte[] signature = read(BankFileWriter.signatureName(f.messageId()));
        assertThat(BankFileVerifier.verify(f.messageId(), manifest, signature, files, bankCertificates(), expected)
                        .problems())
                .isEmpty();

        for (String name : files.keySet()) {
            byte[] content = files.get(name);
            for (int i : new int[] {0, content.length / 2, content.length - 1}) {
                Map<String, byte[]> changed = new LinkedHashMap<>(files);
                byte[] c = content.clone();
                c[i] ^= 0x01;
                changed.put(name, c);
                BankFileVerifier.Verdict v = BankFileVerifier.verify(
                        f.messageId(), manifest, signature, changed, bankCertificates(), expected);
                // both digests catch it, each on its own
                assertThat(v.problems())
                        .as("%s byte %d", name, i)
                        .anyMatch(p -> p.startsWith(name + " has SHA-256"))
                        .anyMatch(p -> p.startsWith(name + " has SM3"));
                assertThat(sha256(c)).isNotEqualTo(sha256(content));
                assertThat(sm3(c)).isNotEqualTo(sm3(content));
            }
        }
        for (int i = 0; i < manifest.length; i += Math.max(1, manifest.length / 17)) {
            byte[] m = manifest.clone();
            m[i] ^= 0x01;
            BankFileVerifier.Verdict v =
                    BankFileVerifier.verify(f.messageId(), m, signature, files, bankCertificates(), expected);
            assertThat(v.valid()).as("manifest byte %d", i).isFalse();
            // and Bouncy Castle alone: no signer verifies over the changed manifest
            CMSSignedData signed = new CMSSignedData(new CMSProcessableByteArray(m), signature);
            for (SignerInformation s : signed.getSignerInfos().getSigners()) {
                X509Certificate cert = s.getEncryptionAlgOID().equals(GMObjectIdentifiers.sm2sign_with_sm3.getId())
                        ? key.certificate(ManifestAlgorithm.SM2)
                        : key.certificate(ManifestAlgorithm.ED25519);
                assertThat(bcVerifies(s, cert))
                        .as("manifest byte %d, %s", i, s.getEncryptionAlgOID())
                        .isFalse();
            }
        }
        // a changed byte in the signature value itself
        byte[] badSignature = signature.clone();
        badSignature[badSignature.length - 5] ^= 0x01;
        assertThat(BankFileVerifier.verify(f.messageId(), manifest, badSignature, files, bankCertificates(), expected)
                        .valid())
                .isFalse();
    }

    @Test
    void aSignatureFileStrippedOfOneSigner_isRefused_evenThoughTheOtherVerifies() throws Exception {
        BankFile both = file("ED25519,SM2");
        writer.write(both, payments(), CREATED);
        byte[] manifest = read(BankFileWriter.manifestName(both.messageId()));
        // the same manifest signed by the Ed25519 key alone: what stripping the SM2 signer leaves
        byte[] edOnly = new ManifestSigner(key).sign(manifest, CREATED, List.of(ManifestAlgorithm.ED25519));
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name :
                List.of(BankFileWriter.painName(both.messageId()), BankFileWriter.detailName(both.messageId()))) {
            files.put(name, read(name));
        }
        BankFileVerifier.Verdict byAnEd25519Bank = BankFileVerifier.verify(
                both.messageId(), manifest, edOnly, files, bankCertificates(), EnumSet.of(ManifestAlgorithm.ED25519));
        assertThat(byAnEd25519Bank.verified()).containsExactly(ManifestAlgorithm.ED25519);
        assertThat(byAnEd25519Bank.problems())
                .containsExactly(
                        "the manifest names the signatures [ED25519, SM2] but the signature file has" + " [ED25519]");
        BankFileVerifier.Verdict byAnSm2Bank = BankFileVerifier.verify(
                both.messageId(), manifest, edOnly, files, bankCertificates(), EnumSet.of(ManifestAlgorithm.SM2));
        assertThat(byAnSm2Bank.problems()).contains("the manifest has no SM2 signature, which this bank requires");
    }

    @Test
    void anotherSm2Key_doesNotVerify() throws Exception {
        BankFile f = file("SM2");
        writer.write(f, payments(), CREATED);
        KeyStore other = KeyStore.getInstance("BCFKS", "BC");
        other.load(null, "x".toCharArray());
        org.citycard.dictionary.crypto.DemoSigningKeys.add(
                other,
                "x".toCharArray(),
                "cfsk-sm2",
                "CN=someone else",
                org.citycard.dictionary.crypto.DemoSigningKeys.Type.SM2);
        X509Certificate stranger = (X509Certificate) other.getCertificate("cfsk-sm2");
        BankFileVerifier.Verdict v = BankFileVerifier.verify(
                folder(), f.messageId(), Map.of(ManifestAlgorithm.SM2, stranger), EnumSet.of(ManifestAlgorithm.SM2));
        assertThat(v.verified()).isEmpty();
        assertThat(v.problems()).anyMatch(p -> p.startsWith("the SM2 signature over the manifest does not verify"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ED25519", "SM2", "ED25519,SM2"})
    void writingAgain_writesTheSameBytes_sm2Included(String signatures) throws Exception {
        BankFile f = file(signatures);
        writer.write(f, payments(), CREATED);
        Map<String, byte[]> first = new LinkedHashMap<>();
        for (String name : BankFileWriter.names(f.messageId())) {
            first.put(name, read(name));
        }
        writer.write(f, payments(), CREATED);
        for (String name : BankFileWriter.names(f.messageId())) {
            assertThat(read(name)).as(name).isEqualTo(first.get(name));
        }
        // a different manifest gets an unrelated SM2 signature (k depends on what is signed)
        writer.write(
                file(signatures, BankFile.MANIFEST_VERSION, 12_345 + 679),
                List.of(payment("0101", 12_345), payment("0102", 679)),
                CREATED);
        assertThat(read(BankFileWriter.signatureName(f.messageId())))
                .isNotEqualTo(first.get(BankFileWriter.signatureName(f.messageId())));
    }

    @Test
    void aFileSetClosedBeforeSm3_isWrittenAgainInVersion1() throws Exception {
        BankFile f = file("ED25519", 1);
        writer.write(f, payments(), CREATED);
        String manifest = new String(read(BankFileWriter.manifestName(f.messageId())), StandardCharsets.UTF_8);
        assertThat(manifest).startsWith("# CityCard bank file manifest 清算文件清单, version 1\n");
        assertThat(manifest).doesNotContain("sm3=").doesNotContain("signatures=");
        assertThat(BankFileVerifier.verify(
                                folder(), f.messageId(), bankCertificates(), EnumSet.of(ManifestAlgorithm.ED25519))
                        .problems())
                .isEmpty();
    }

    @Test
    void aBanksSetting_isCheckedAndNamedInTheError() {
        assertThat(ManifestAlgorithm.normalise("manifestSignatures", " sm2 , ed25519"))
                .isEqualTo("ED25519,SM2");
        assertThat(ManifestAlgorithm.normalise("manifestSignatures", "SM2")).isEqualTo("SM2");
        for (String bad : new String[] {"", "RSA", "SM2,SM2", "ED25519,", "ED25519;SM2"}) {
            assertThatThrownBy(() -> ManifestAlgorithm.parse("manifestSignatures", bad))
                    .as(bad)
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("manifestSignatures")
                    .hasMessageContaining("ED25519, SM2 or ED25519,SM2");
        }
    }

    @Test
    void aStoreWithoutTheSm2Alias_failsNamingIt_whenABankWantsSm2() throws Exception {
        Path store = dataDir.resolve("ed-only.bcfks");
        Path pw = dataDir.resolve("ed-only.password");
        org.citycard.dictionary.crypto.DemoSigningKeys.create(store, pw, "cfsk", "CN=ed only");
        FileSigningKey.Loaded loaded =
                FileSigningKey.load(store, Files.readString(pw).strip().toCharArray(), false);
        assertThatThrownBy(() -> loaded.of(ManifestAlgorithm.SM2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cfsk-sm2")
                .hasMessageNotContaining(Files.readString(pw).strip());
        assertThat(loaded.of(ManifestAlgorithm.ED25519).certificate()).isNotNull();
    }

    @Test
    void theVerifyCommand_checksAFileSetWithTheCertificatesGiven_andListsEveryProblem() throws Exception {
        BankFile f = file("ED25519,SM2");
        writer.write(f, payments(), CREATED);
        Path ed = dataDir.resolve("cfsk.pem");
        try (var w = new org.bouncycastle.openssl.jcajce.JcaPEMWriter(Files.newBufferedWriter(ed))) {
            w.writeObject(key.certificate(ManifestAlgorithm.ED25519));
        }
        Path sm2 = dataDir.resolve("cfsk-sm2.der");
        Files.write(sm2, key.certificate(ManifestAlgorithm.SM2).getEncoded());

        CliRun ok = cli("verify-bank-files", folder().toString(), "--cert", ed.toString(), "--cert", sm2.toString());
        assertThat(ok.exit()).as(ok.out()).isZero();
        assertThat(ok.out()).contains("valid: " + f.messageId()).contains("[ED25519, SM2] verified");

        CliRun edOnly = cli("verify-bank-files", folder().toString(), "--cert", ed.toString(), "--require", "SM2");
        assertThat(edOnly.exit()).isEqualTo(1);
        assertThat(edOnly.out()).contains("no SM2 certificate was given");

        Path detail = folder().resolve(BankFileWriter.detailName(f.messageId()));
        byte[] d = Files.readAllBytes(detail);
        d[d.length / 2] ^= 0x01;
        Files.write(detail, d);
        CliRun changed =
                cli("verify-bank-files", folder().toString(), "--cert", ed.toString(), "--cert", sm2.toString());
        assertThat(changed.exit()).isEqualTo(1);
        assertThat(changed.out())
                .contains("NOT valid")
                .contains(BankFileWriter.detailName(f.messageId()) + " has SHA-256")
                .contains(BankFileWriter.detailName(f.messageId()) + " has SM3");
    }

    @Test
    void theServersCertificates_areWrittenForTheBanks_andVerifyTheServersFiles() throws Exception {
        BankFile f = file("SM2");
        writer.write(f, payments(), CREATED); // makes the demo store in <data-dir>/keys
        Path certs = dataDir.resolve("for-the-banks");
        CliRun r = cli(
                "signing-certificates",
                "--data-dir",
                dataDir.toString(),
                "--key-set",
                "demo",
                "--out",
                certs.toString());
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("ED25519: ").contains("SM2: ").contains("(DEMO key)");
        for (String name : List.of("cfsk.pem", "cfsk-sm2.pem")) {
            assertThat(Files.readString(certs.resolve(name)))
                    .startsWith("-----BEGIN CERTIFICATE-----")
                    .doesNotContain("PRIVATE");
        }
        CliRun v = cli(
                "verify-bank-files",
                folder().toString(),
                "--cert",
                certs.resolve("cfsk-sm2.pem").toString());
        assertThat(v.exit()).as(v.out()).isZero();
        assertThat(v.out()).contains("[SM2] verified");
    }

    /**
     * The deterministic k of the SM2 signer depends on the private key and on the signed bytes: recovered from each
     * signature (k = s(1 + d) + r·d mod n, with d known here), it differs between two keys over the same bytes and
     * between two byte strings under one key, and repeats only for the same key and bytes.
     */
    @Test
    void theSm2K_dependsOnTheKeyAndTheBytes() throws Exception {
        KeyStore ks = KeyStore.getInstance("BCFKS", "BC");
        ks.load(null, "x".toCharArray());
        org.citycard.dictionary.crypto.DemoSigningKeys.add(
                ks, "x".toCharArray(), "a", "CN=a", org.citycard.dictionary.crypto.DemoSigningKeys.Type.SM2);
        org.citycard.dictionary.crypto.DemoSigningKeys.add(
                ks, "x".toCharArray(), "b", "CN=b", org.citycard.dictionary.crypto.DemoSigningKeys.Type.SM2);
        PrivateKey a = (PrivateKey) ks.getKey("a", "x".toCharArray());
        PrivateKey b = (PrivateKey) ks.getKey("b", "x".toCharArray());
        byte[] m1 = "manifest one".getBytes(StandardCharsets.US_ASCII);
        byte[] m2 = "manifest two".getBytes(StandardCharsets.US_ASCII);
        java.math.BigInteger kA1 = k(a, m1);
        assertThat(k(a, m1)).isEqualTo(kA1);
        assertThat(k(b, m1)).isNotEqualTo(kA1);
        assertThat(k(a, m2)).isNotEqualTo(kA1);
    }

    private static java.math.BigInteger k(PrivateKey key, byte[] message) throws Exception {
        DeterministicSm2Signer signer = new DeterministicSm2Signer(key);
        signer.getOutputStream().write(message);
        org.bouncycastle.asn1.ASN1Sequence rs = org.bouncycastle.asn1.ASN1Sequence.getInstance(signer.getSignature());
        java.math.BigInteger r =
                org.bouncycastle.asn1.ASN1Integer.getInstance(rs.getObjectAt(0)).getValue();
        java.math.BigInteger s =
                org.bouncycastle.asn1.ASN1Integer.getInstance(rs.getObjectAt(1)).getValue();
        org.bouncycastle.crypto.params.ECPrivateKeyParameters p =
                (org.bouncycastle.crypto.params.ECPrivateKeyParameters) ECUtil.generatePrivateKeyParameter(key);
        java.math.BigInteger n = p.getParameters().getN();
        java.math.BigInteger d = p.getD();
        return s.multiply(java.math.BigInteger.ONE.add(d)).add(r.multiply(d)).mod(n);
    }

    record CliRun(int exit, String out) {}

    static CliRun cli(String... args) {
        picocli.CommandLine cl = org.citycard.clearing.cli.ServerCli.commandLine();
        java.io.StringWriter out = new java.io.StringWriter();
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(out, true));
        int rc = cl.execute(args);
        return new CliRun(rc, out.toString());
    }

    /** Bouncy Castle's verdict on a signer: a digest mismatch is a refusal. */
    static boolean bcVerifies(SignerInformation s, X509Certificate cert) throws Exception {
        try {
            return s.verify(
                    new JcaSimpleSignerInfoVerifierBuilder().setProvider("BC").build(cert));
        } catch (org.bouncycastle.cms.CMSSignerDigestMismatchException e) {
            return false;
        }
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    static String sm3(byte[] b) {
        SM3Digest d = new SM3Digest();
        d.update(b, 0, b.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return HexFormat.of().formatHex(out);
    }
}
