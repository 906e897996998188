package org.citycard.clearing.bankfile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.crypto.digests.SM3Digest;

/**
 * Checks a bank file set the way the receiving bank does, with Bouncy Castle and the certificates the bank was given
 * (not the ones inside the signature): every file the manifest lists is there with its size, SHA-256 and (manifest
 * version 2) SM3 digest; the detached CMS signature file verifies for each algorithm the bank requires (Ed25519,
 * SM3withSM2 or both) with that algorithm's certificate; no signer fails; and the signers are exactly those the
 * manifest names (a signature file stripped of a signer is refused). Uses none of the server's writing code.
 */
public final class BankFileVerifier {
    private BankFileVerifier() {}

    /**
     * What the check found.
     *
     * @param problems empty when the set is valid
     * @param verified the algorithms whose signature verified with the bank's certificate
     */
    public record Verdict(String messageId, List<String> problems, Set<ManifestAlgorithm> verified) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    /** Verifies the file set {@code messageId} in {@code folder} (file names as {@link BankFileWriter} gives them). */
    public static Verdict verify(
            Path folder,
            String messageId,
            Map<ManifestAlgorithm, X509Certificate> trusted,
            Set<ManifestAlgorithm> required) {
        try {
            byte[] manifest = Files.readAllBytes(folder.resolve(BankFileWriter.manifestName(messageId)));
            byte[] signature = Files.readAllBytes(folder.resolve(BankFileWriter.signatureName(messageId)));
            Map<String, byte[]> files = new LinkedHashMap<>();
            for (String name : listedNames(manifest)) {
                Path p = folder.resolve(name).normalize();
                if (!p.getParent().equals(folder.normalize()) || !Files.isRegularFile(p)) {
                    return new Verdict(
                            messageId, List.of("manifest lists " + name + ", which is not in " + folder), Set.of());
                }
                files.put(name, Files.readAllBytes(p));
            }
            return verify(messageId, manifest, signature, files, trusted, required);
        } catch (IOException e) {
            return new Verdict(messageId, List.of("cannot read the file set of " + messageId + ": " + e), Set.of());
        }
    }

    /** Verifies a file set given as bytes: the manifest, its signature file and the files by name. */
    public static Verdict verify(
            String messageId,
            byte[] manifest,
            byte[] signature,
            Map<String, byte[]> files,
            Map<ManifestAlgorithm, X509Certificate> trusted,
            Set<ManifestAlgorithm> required) {
        List<String> problems = new ArrayList<>();
        Manifest m = Manifest.parse(manifest, problems);
        if (m != null) {
            if (!messageId.equals(m.messageId())) {
                problems.add("manifest message_id " + m.messageId() + ", expected " + messageId);
            }
            if (m.files().size() != 2) {
                problems.add("manifest lists " + m.files().keySet() + ", expected the pain.001 and the detail file");
            }
            for (Map.Entry<String, Map<String, String>> e : m.files().entrySet()) {
                digests(e.getKey(), e.getValue(), files.get(e.getKey()), m.version(), problems);
            }
        }
        Set<ManifestAlgorithm> verified = signatures(manifest, signature, trusted, m, required, problems);
        return new Verdict(messageId, List.copyOf(problems), verified);
    }

    private static void digests(
            String name, Map<String, String> listed, byte[] content, int version, List<String> problems) {
        if (content == null) {
            problems.add("manifest lists " + name + ", which is missing");
            return;
        }
        String sha256 = HexFormat.of().formatHex(sha256(content));
        String sm3 = HexFormat.of().formatHex(sm3(content));
        if (!String.valueOf(content.length).equals(listed.get("size"))) {
            problems.add(name + " is " + content.length + " bytes; the manifest says " + listed.get("size"));
        }
        if (!sha256.equals(listed.get("sha256"))) {
            problems.add(name + " has SHA-256 " + sha256 + "; the manifest says " + listed.get("sha256"));
        }
        if (version >= 2 && !sm3.equals(listed.get("sm3"))) {
            problems.add(name + " has SM3 " + sm3 + "; the manifest says " + listed.get("sm3"));
        }
    }

    private static Set<ManifestAlgorithm> signatures(
            byte[] manifest,
            byte[] signature,
            Map<ManifestAlgorithm, X509Certificate> trusted,
            Manifest m,
            Set<ManifestAlgorithm> required,
            List<String> problems) {
        FileSigningKey.ensureProvider();
        Set<ManifestAlgorithm> present = EnumSet.noneOf(ManifestAlgorithm.class);
        Set<ManifestAlgorithm> verified = EnumSet.noneOf(ManifestAlgorithm.class);
        try {
            CMSSignedData signed = new CMSSignedData(new CMSProcessableByteArray(manifest), signature);
            for (SignerInformation s : signed.getSignerInfos().getSigners()) {
                ManifestAlgorithm a = algorithmOf(s);
                if (a == null) {
                    problems.add("the signature file has a signer with algorithm " + s.getEncryptionAlgOID()
                            + ", neither Ed25519 nor SM2");
                    continue;
                }
                if (!present.add(a)) {
                    problems.add("the signature file has two " + a + " signers");
                }
                X509Certificate cert = trusted.get(a);
                if (cert == null) {
                    continue; // the bank does not check this algorithm
                }
                boolean ok;
                try {
                    ok = s.getSID().match(new org.bouncycastle.cert.jcajce.JcaX509CertificateHolder(cert))
                            && s.verify(new JcaSimpleSignerInfoVerifierBuilder()
                                    .setProvider("BC")
                                    .build(cert));
                } catch (Exception e) {
                    ok = false;
                }
                if (ok) {
                    verified.add(a);
                } else {
                    problems.add("the " + a + " signature over the manifest does not verify with the bank's " + a
                            + " certificate " + cert.getSubjectX500Principal().getName());
                }
            }
        } catch (Exception e) {
            problems.add("the signature file cannot be read as CMS SignedData: " + e.getMessage());
            return verified;
        }
        for (ManifestAlgorithm a : required) {
            if (!present.contains(a)) {
                problems.add("the manifest has no " + a + " signature, which this bank requires");
            } else if (!trusted.containsKey(a)) {
                problems.add("no " + a + " certificate was given to check the required " + a + " signature");
            }
        }
        if (m != null && m.signatures() != null && !m.signatures().equals(present)) {
            problems.add(
                    "the manifest names the signatures " + m.signatures() + " but the signature file has " + present);
        }
        return verified;
    }

    /** Ed25519 or SM2 by the signer's signature algorithm (or, for SM2, its EC key on curve sm2p256v1). */
    private static ManifestAlgorithm algorithmOf(SignerInformation s) {
        String oid = s.getEncryptionAlgOID();
        if (EdECObjectIdentifiers.id_Ed25519.getId().equals(oid)) {
            return ManifestAlgorithm.ED25519;
        }
        if (GMObjectIdentifiers.sm2sign_with_sm3.getId().equals(oid)
                || GMObjectIdentifiers.sm2sign.getId().equals(oid)
                || (X9ObjectIdentifiers.id_ecPublicKey.getId().equals(oid)
                        && GMObjectIdentifiers.sm3.getId().equals(s.getDigestAlgOID()))) {
            return ManifestAlgorithm.SM2;
        }
        return null;
    }

    private static List<String> listedNames(byte[] manifest) {
        List<String> names = new ArrayList<>();
        Manifest m = Manifest.parse(manifest, new ArrayList<>());
        if (m != null) {
            names.addAll(m.files().keySet());
        }
        return names;
    }

    /** The manifest as written by {@link BankFileWriter} (versions 1 and 2). */
    record Manifest(
            int version, String messageId, Set<ManifestAlgorithm> signatures, Map<String, Map<String, String>> files) {
        static Manifest parse(byte[] bytes, List<String> problems) {
            String text = new String(bytes, StandardCharsets.UTF_8);
            String[] lines = text.split("\n", -1);
            String header = "# CityCard bank file manifest 清算文件清单, version ";
            if (lines.length == 0 || !lines[0].startsWith(header)) {
                problems.add("the manifest does not start with \"" + header + "\"");
                return null;
            }
            int version;
            try {
                version = Integer.parseInt(lines[0].substring(header.length()));
            } catch (NumberFormatException e) {
                problems.add("the manifest's version is not a number: " + lines[0]);
                return null;
            }
            String messageId = null;
            Set<ManifestAlgorithm> signatures = null;
            Map<String, Map<String, String>> files = new LinkedHashMap<>();
            for (String line : lines) {
                if (line.startsWith("message_id=")) {
                    messageId = line.substring("message_id=".length());
                } else if (line.startsWith("signatures=")) {
                    try {
                        signatures = EnumSet.copyOf(
                                ManifestAlgorithm.parse("signatures", line.substring("signatures=".length())));
                    } catch (RuntimeException e) {
                        problems.add("the manifest's signatures line is not understood: " + line);
                    }
                } else if (line.startsWith("file=")) {
                    Map<String, String> fields = new LinkedHashMap<>();
                    String[] parts = line.split(" ");
                    for (int i = 1; i < parts.length; i++) {
                        int eq = parts[i].indexOf('=');
                        if (eq > 0) {
                            fields.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
                        }
                    }
                    files.put(parts[0].substring("file=".length()), fields);
                }
            }
            if (version >= 2 && signatures == null) {
                problems.add("the manifest (version " + version + ") names no signatures");
            }
            return new Manifest(version, messageId, signatures, files);
        }
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sm3(byte[] content) {
        SM3Digest d = new SM3Digest();
        d.update(content, 0, content.length);
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return out;
    }

    /**
     * The manifest algorithm a certificate's key is for: Ed25519, or SM2 (an EC key on curve sm2p256v1).
     *
     * @throws IllegalArgumentException naming the subject and the key's algorithm otherwise
     */
    public static ManifestAlgorithm algorithmOf(X509Certificate cert) {
        org.bouncycastle.asn1.x509.SubjectPublicKeyInfo spki =
                org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(
                        cert.getPublicKey().getEncoded());
        org.bouncycastle.asn1.x509.AlgorithmIdentifier alg = spki.getAlgorithm();
        if (EdECObjectIdentifiers.id_Ed25519.equals(alg.getAlgorithm())) {
            return ManifestAlgorithm.ED25519;
        }
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(alg.getAlgorithm())
                && GMObjectIdentifiers.sm2p256v1.equals(alg.getParameters())) {
            return ManifestAlgorithm.SM2;
        }
        throw new IllegalArgumentException("certificate "
                + cert.getSubjectX500Principal().getName() + " has a "
                + alg.getAlgorithm().getId() + " key: a manifest is signed with Ed25519 or SM2 (curve sm2p256v1)");
    }

    /** The certificates of a signing key's store as a bank would be given them: one per algorithm present. */
    public static Map<ManifestAlgorithm, X509Certificate> certificates(FileSigningKey key) {
        Map<ManifestAlgorithm, X509Certificate> out = new EnumMap<>(ManifestAlgorithm.class);
        for (ManifestAlgorithm a : ManifestAlgorithm.values()) {
            try {
                out.put(a, key.certificate(a));
            } catch (IllegalStateException e) {
                // not in the store
            }
        }
        return out;
    }
}
