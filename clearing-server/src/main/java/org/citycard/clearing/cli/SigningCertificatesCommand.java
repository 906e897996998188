package org.citycard.clearing.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.concurrent.Callable;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.citycard.clearing.bankfile.FileSigningKey;
import org.citycard.clearing.bankfile.ManifestAlgorithm;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./citycard server signing-certificates --out DIR}: writes the certificate of each file-signing key the
 * server's store holds ({@code cfsk.pem} for Ed25519, {@code cfsk-sm2.pem} for SM2) for the banks, who check the
 * manifests with them ({@code verify-bank-files --cert}). Certificates only: no private key leaves the store.
 */
@Command(
        name = "signing-certificates",
        mixinStandardHelpOptions = true,
        description = "Write the certificates of the bank-file signing keys (cfsk.pem: Ed25519, cfsk-sm2.pem: SM2)"
                + " for the banks. No private key is written.")
class SigningCertificatesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions options;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the folder to write them to")
    Path out;

    @Override
    public Integer call() throws IOException {
        Files.createDirectories(out);
        try (ConfigurableApplicationContext ctx = ServerCli.batchContext(options)) {
            FileSigningKey key = ctx.getBean(FileSigningKey.class);
            int written = 0;
            for (ManifestAlgorithm a : ManifestAlgorithm.values()) {
                X509Certificate cert;
                try {
                    cert = key.certificate(a);
                } catch (IllegalStateException e) {
                    spec.commandLine().getOut().println(a + ": no key under alias " + a.alias() + " in the store");
                    continue;
                }
                Path file = out.resolve(a.alias() + ".pem");
                try (Writer w = Files.newBufferedWriter(file);
                        JcaPEMWriter pem = new JcaPEMWriter(w)) {
                    pem.writeObject(cert);
                }
                written++;
                spec.commandLine()
                        .getOut()
                        .println(a + ": " + file + " — "
                                + cert.getSubjectX500Principal().getName() + (key.isDemo() ? " (DEMO key)" : ""));
            }
            return written > 0 ? 0 : 1;
        }
    }
}
