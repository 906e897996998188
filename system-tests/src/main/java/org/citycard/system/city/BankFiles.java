package org.citycard.system.city;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.format.FixedWidthCodec;

/**
 * Checks one bank's file set the way the receiving bank would, without the server's code: the pain.001 against the
 * ISO 20022 schema (pain.001.001.03.xsd) and its counts and sums; the fixed-width detail file by the dictionary's
 * layout (trailer count, net total and SHA-256 over the detail lines); the manifest's sizes and digests (SHA-256, and
 * SM3 in manifest version 2) against the files; every signer of the detached CMS signature over the manifest (Ed25519,
 * SM3withSM2 or both) with the certificate it carries, and that they are the signers the manifest names.
 */
public final class BankFiles {
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private BankFiles() {}

    /** What the check found: nothing when the set is valid. */
    public record Verdict(String messageId, List<String> problems, String signer) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    /**
     * @param folder the set's folder
     * @param transactions how many payments the server says the file holds
     * @param total what the server says it pays (fen)
     */
    public static Verdict check(Path folder, String messageId, int transactions, long total) {
        List<String> problems = new ArrayList<>();
        String signer = "";
        try {
            byte[] pain = Files.readAllBytes(folder.resolve("pain.001.001.03-" + messageId + ".xml"));
            byte[] detail = Files.readAllBytes(folder.resolve("detail-" + messageId + ".txt"));
            byte[] manifest = Files.readAllBytes(folder.resolve("manifest-" + messageId + ".txt"));
            byte[] signature = Files.readAllBytes(folder.resolve("manifest-" + messageId + ".txt.p7s"));
            pain001(pain, messageId, transactions, total, problems);
            detail(detail, transactions, total, problems);
            manifest(folder, manifest, problems);
            signer = signature(manifest, signature, problems);
        } catch (IOException e) {
            problems.add("cannot read the file set of " + messageId + " in " + folder + ": " + e);
        }
        return new Verdict(messageId, problems, signer);
    }

    private static void pain001(byte[] xml, String messageId, int count, long total, List<String> problems) {
        try {
            SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.newSchema(BankFiles.class.getResource("/iso20022/pain.001.001.03.xsd"))
                    .newValidator()
                    .validate(new StreamSource(new ByteArrayInputStream(xml)));
        } catch (Exception e) {
            problems.add("pain.001 is not valid against pain.001.001.03.xsd: " + e.getMessage());
            return;
        }
        BankOffice.Instruction in = BankOffice.read(xml);
        long sum = in.transfers().stream().mapToLong(BankOffice.Transfer::fen).sum();
        if (!in.messageId().equals(messageId)) {
            problems.add("pain.001 MsgId " + in.messageId() + ", expected " + messageId);
        }
        if (in.count() != count || in.transfers().size() != count) {
            problems.add("pain.001 NbOfTxs " + in.count() + " with "
                    + in.transfers().size() + " transfers; the server says " + count);
        }
        if (in.total() != total || sum != total) {
            problems.add(
                    "pain.001 CtrlSum " + in.total() + " fen, transfers sum " + sum + "; the server says " + total);
        }
    }

    private static void detail(byte[] file, int count, long total, List<String> problems) throws IOException {
        FixedWidthCodec codec = new FixedWidthCodec(Dictionary.standard(), "bank_detail_file");
        FixedWidthCodec.ReadResult r = codec.read(file);
        if (!r.errors().isEmpty()) {
            problems.add("detail file: " + r.errors().get(0).getMessage());
            return;
        }
        MessageDigest sha = sha256();
        long net = 0;
        int details = 0;
        FixedWidthCodec.Line trailer = null;
        String[] lines = new String(file, java.nio.charset.Charset.forName("GB18030")).split("\n");
        for (FixedWidthCodec.Line line : r.lines()) {
            if ("D".equals(line.type())) {
                details++;
                net += Long.parseLong(line.get("net_amount").strip());
                sha.update((lines[line.number() - 1] + "\n").getBytes(java.nio.charset.Charset.forName("GB18030")));
            } else if ("T".equals(line.type())) {
                trailer = line;
            }
        }
        if (trailer == null) {
            problems.add("detail file has no trailer");
            return;
        }
        String hash = HexFormat.of().withUpperCase().formatHex(sha.digest());
        if (details != count || Long.parseLong(trailer.get("record_count").strip()) != count) {
            problems.add("detail file: " + details + " lines, trailer "
                    + trailer.get("record_count").strip() + "; the server says " + count);
        }
        if (net != total || Long.parseLong(trailer.get("total_net_amount").strip()) != total) {
            problems.add("detail file: nets sum " + net + ", trailer "
                    + trailer.get("total_net_amount").strip() + "; the server says " + total);
        }
        if (!hash.equals(trailer.get("hash").strip())) {
            problems.add("detail file: trailer hash " + trailer.get("hash").strip() + ", the lines hash " + hash);
        }
    }

    private static void manifest(Path folder, byte[] manifest, List<String> problems) throws IOException {
        Map<String, String[]> listed = new TreeMap<>();
        boolean version2 = new String(manifest, StandardCharsets.UTF_8)
                .startsWith("# CityCard bank file manifest 清算文件清单, version 2\n");
        for (String line : new String(manifest, StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("file=")) {
                String[] parts = line.split(" ");
                String sm3 = null;
                for (String p : parts) {
                    if (p.startsWith("sm3=")) {
                        sm3 = p.substring("sm3=".length());
                    }
                }
                listed.put(parts[0].substring(5), new String[] {
                    parts[1].substring("size=".length()), parts[2].substring("sha256=".length()), sm3
                });
            }
        }
        if (listed.size() != 2) {
            problems.add("manifest lists " + listed.keySet() + ", expected the pain.001 and the detail file");
        }
        for (Map.Entry<String, String[]> e : listed.entrySet()) {
            byte[] content = Files.readAllBytes(folder.resolve(e.getKey()));
            String digest = HexFormat.of().formatHex(sha256().digest(content));
            if (content.length != Long.parseLong(e.getValue()[0]) || !digest.equals(e.getValue()[1])) {
                problems.add("manifest: " + e.getKey() + " is " + content.length + " bytes, SHA-256 " + digest
                        + "; the manifest says " + e.getValue()[0] + " bytes, " + e.getValue()[1]);
            }
            // manifest version 2 (issue 16): SM3 (GB/T 32905) beside SHA-256
            if (version2 && e.getValue()[2] == null) {
                problems.add("manifest: " + e.getKey() + " has no SM3 digest");
            } else if (e.getValue()[2] != null) {
                org.bouncycastle.crypto.digests.SM3Digest sm3 = new org.bouncycastle.crypto.digests.SM3Digest();
                sm3.update(content, 0, content.length);
                byte[] out = new byte[32];
                sm3.doFinal(out, 0);
                String sm3Hex = HexFormat.of().formatHex(out);
                if (!sm3Hex.equals(e.getValue()[2])) {
                    problems.add("manifest: " + e.getKey() + " has SM3 " + sm3Hex + "; the manifest says "
                            + e.getValue()[2]);
                }
            }
        }
    }

    /**
     * Verifies every signer of the detached signature (Ed25519, SM3withSM2 or both, issue 16) with the certificate
     * inside it, and that the signers are the ones the manifest names; returns the signers' subjects.
     */
    private static String signature(byte[] manifest, byte[] signature, List<String> problems) {
        List<String> subjects = new ArrayList<>();
        java.util.Set<String> kinds = new java.util.TreeSet<>();
        try {
            CMSSignedData signed = new CMSSignedData(new CMSProcessableByteArray(manifest), signature);
            for (SignerInformation s : signed.getSignerInfos().getSigners()) {
                String kind = "1.3.101.112".equals(s.getEncryptionAlgOID())
                        ? "ED25519"
                        : "1.2.156.10197.1.501".equals(s.getEncryptionAlgOID()) ? "SM2" : s.getEncryptionAlgOID();
                kinds.add(kind);
                String subject = null;
                @SuppressWarnings("unchecked")
                var matches = signed.getCertificates().getMatches(s.getSID());
                for (Object holder : matches) {
                    X509Certificate cert = new JcaX509CertificateConverter()
                            .setProvider(BC)
                            .getCertificate((X509CertificateHolder) holder);
                    if (s.verify(new JcaSimpleSignerInfoVerifierBuilder()
                            .setProvider(BC)
                            .build(cert))) {
                        subject = cert.getSubjectX500Principal().getName();
                    }
                }
                if (subject == null) {
                    problems.add("the manifest's " + kind + " signature does not verify");
                } else {
                    subjects.add(subject);
                }
            }
            if (subjects.isEmpty() && problems.isEmpty()) {
                problems.add("the manifest's signature has no signer");
            }
            for (String line : new String(manifest, StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("signatures=")
                        && !new java.util.TreeSet<>(List.of(
                                        line.substring("signatures=".length()).split(",")))
                                .equals(kinds)) {
                    problems.add("the manifest names the signatures " + line.substring("signatures=".length())
                            + ", the signature file has " + kinds);
                }
            }
        } catch (Exception e) {
            problems.add("the manifest's signature cannot be read: " + e.getMessage());
        }
        return String.join(" and ", subjects);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
