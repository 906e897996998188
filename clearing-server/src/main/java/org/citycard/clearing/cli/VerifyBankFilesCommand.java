package org.citycard.clearing.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.citycard.clearing.bankfile.BankFileVerifier;
import org.citycard.clearing.bankfile.ManifestAlgorithm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./citycard server verify-bank-files FOLDER --cert FILE…}: the receiving bank's check of one file set
 * ({@link BankFileVerifier}), without the server, its database or its keys: the size, SHA-256 and SM3 of every file
 * the manifest lists, and each signature the bank requires (Ed25519, SM3withSM2) with the certificate it was given.
 * Exit 0 when valid; 1 with every problem listed.
 */
@Command(
        name = "verify-bank-files",
        mixinStandardHelpOptions = true,
        description = "Check a bank file set as the receiving bank does: size, SHA-256 and SM3 of every file the"
                + " manifest lists, and the manifest's Ed25519 and/or SM2 (SM3withSM2) signatures with the"
                + " certificates given. Exit 0 when valid, 1 with every problem.")
class VerifyBankFilesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FOLDER", description = "the folder of one file set")
    Path folder;

    @Option(
            names = "--message-id",
            paramLabel = "MSGID",
            description = "the set's MsgId; default: the one manifest in FOLDER")
    String messageId;

    @Option(
            names = "--cert",
            required = true,
            paramLabel = "FILE",
            description = "the centre's signing certificate (PEM or DER), one per algorithm: Ed25519 and/or SM2")
    List<Path> certificates;

    @Option(
            names = "--require",
            paramLabel = "ED25519,SM2",
            description = "the signatures this bank requires; default: one for each --cert")
    String require;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Map<ManifestAlgorithm, X509Certificate> trusted = new EnumMap<>(ManifestAlgorithm.class);
        for (Path p : certificates) {
            X509Certificate c = read(p);
            ManifestAlgorithm a = BankFileVerifier.algorithmOf(c);
            if (trusted.put(a, c) != null) {
                throw new IllegalArgumentException(
                        "--cert " + p + ": a second " + a + " certificate; give one per" + " algorithm");
            }
        }
        Set<ManifestAlgorithm> required = require == null
                ? EnumSet.copyOf(trusted.keySet())
                : EnumSet.copyOf(ManifestAlgorithm.parse("--require", require));
        String id = messageId == null ? onlyManifest() : messageId;
        BankFileVerifier.Verdict v = BankFileVerifier.verify(folder, id, trusted, required);
        if (v.valid()) {
            out.println("valid: " + id + " in " + folder + " — size, SHA-256 and SM3 of every listed file;"
                    + " signatures " + v.verified() + " verified with the given certificates");
            return 0;
        }
        out.println("NOT valid: " + id + " in " + folder + " (" + v.problems().size() + " problems)");
        for (String p : v.problems()) {
            out.println("  " + p);
        }
        return 1;
    }

    private String onlyManifest() throws IOException {
        List<String> ids;
        try (Stream<Path> files = Files.list(folder)) {
            ids = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("manifest-") && n.endsWith(".txt"))
                    .map(n -> n.substring("manifest-".length(), n.length() - ".txt".length()))
                    .sorted()
                    .toList();
        }
        if (ids.size() != 1) {
            throw new IllegalArgumentException(
                    "FOLDER " + folder + " holds " + ids.size() + " manifests " + ids + "; name one with --message-id");
        }
        return ids.get(0);
    }

    private static X509Certificate read(Path p) throws IOException {
        if (java.security.Security.getProvider("BC") == null) {
            java.security.Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
        }
        try (InputStream in = Files.newInputStream(p)) {
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509", "BC").generateCertificate(in);
        } catch (CertificateException | java.security.NoSuchProviderException e) {
            throw new IllegalArgumentException("--cert " + p + " is not an X.509 certificate (PEM or DER)");
        }
    }
}
