package org.citycard.department;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.citycard.dictionary.exchange.FileMac;
import org.citycard.dictionary.exchange.PartyKeys;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./citycard exchange listen|send|certificate|seal-file|verify-file}: what a department runs to take part in
 * the exchange. Documents on the broker are signed (CMS, the department's key store); exchange files uploaded to
 * the centre carry an HMAC-SHA256 in their trailer under the exchange-file key the centre issued to the department
 * (issue 15).
 */
@Command(
        name = "exchange",
        mixinStandardHelpOptions = true,
        description = "A department's exchange client: receive its documents into a folder, send its own.",
        subcommands = {
            DepartmentCli.Listen.class,
            DepartmentCli.Send.class,
            DepartmentCli.Certificate.class,
            DepartmentCli.SealFile.class,
            DepartmentCli.VerifyFile.class
        })
public class DepartmentCli {
    public static void main(String[] args) {
        System.exit(new CommandLine(new DepartmentCli()).execute(args));
    }

    /** The options every subcommand shares, declared once. */
    static class Common {
        @Option(
                names = {"-D", "--department"},
                required = true,
                description = "the department's party code")
        String department;

        @Option(
                names = {"-b", "--broker"},
                description = "the broker (default: ${DEFAULT-VALUE})",
                defaultValue = "tcp://127.0.0.1:61616")
        String broker;

        @Option(
                names = {"-k", "--key-store"},
                description = "the department's BCFKS key store (default: a DEMO key"
                        + " in <out>/keys/<department>.bcfks, created on first use)")
        Path keyStore;

        @Option(
                names = {"-c", "--centre-certificate"},
                description = "the clearing centre's certificate (PEM;"
                        + " the server writes it to <data-dir>/exchange/centre.pem)")
        Path centre;

        @Option(
                names = {"-o", "--out"},
                description = "the department's folder (default: ${DEFAULT-VALUE})",
                defaultValue = "./exchange")
        Path out;

        PartyKeys.PartyKey key() {
            Path store = keyStore != null ? keyStore : out.resolve("keys").resolve(department + ".bcfks");
            if (keyStore != null) {
                String password = System.getenv("CITYCARD_EXCHANGE_PASSWORD");
                if (password == null) {
                    throw new CommandLine.ParameterException(
                            new CommandLine(new DepartmentCli()),
                            "--key-store " + store + " needs its password in $CITYCARD_EXCHANGE_PASSWORD");
                }
                return PartyKeys.open(store, password.toCharArray(), department);
            }
            return PartyKeys.openOrCreateDemo(store, department);
        }

        DepartmentClient client() throws Exception {
            if (centre == null || !Files.exists(centre)) {
                throw new CommandLine.ParameterException(
                        new CommandLine(new DepartmentCli()),
                        "--centre-certificate: the clearing centre's certificate (PEM) is needed to verify its"
                                + " documents" + (centre == null ? "" : "; " + centre + " does not exist"));
            }
            return new DepartmentClient(broker, department, key(), PartyKeys.fromPem(Files.readString(centre)), out);
        }
    }

    @Command(
            name = "listen",
            mixinStandardHelpOptions = true,
            description = "Receive the department's documents"
                    + " into <out>/<document>/ until stopped (Ctrl+C) or, with --idle, until none came for that long.")
    static class Listen implements Callable<Integer> {
        @Mixin
        Common common;

        @Option(names = "--idle", description = "stop after this many seconds without a document")
        Integer idle;

        @Override
        public Integer call() throws Exception {
            AtomicBoolean stop = new AtomicBoolean();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop.set(true)));
            try (DepartmentClient c = common.client()) {
                System.out.println("department " + common.department + ": listening on " + common.broker + ", into "
                        + common.out.toAbsolutePath().normalize());
                DepartmentClient.Received r = c.listen(idle == null ? null : Duration.ofSeconds(idle), stop::get);
                System.out.println("received " + r.total() + " documents " + r.byType() + ", refused " + r.refused());
            }
            return 0;
        }
    }

    @Command(
            name = "send",
            mixinStandardHelpOptions = true,
            description = "Sign a document with the department's" + " key and send it to the clearing centre.")
    static class Send implements Callable<Integer> {
        @Mixin
        Common common;

        @Parameters(paramLabel = "FILE", description = "the document (XML, valid against its XSD)")
        Path file;

        @Override
        public Integer call() throws Exception {
            try (DepartmentClient c = common.client()) {
                System.out.println("sent " + c.sendFile(file));
            }
            return 0;
        }
    }

    @Command(
            name = "certificate",
            mixinStandardHelpOptions = true,
            description = "Print the department's"
                    + " certificate (PEM), for the centre to register it: ./citycard server exchange party")
    static class Certificate implements Callable<Integer> {
        @Mixin
        Common common;

        @Override
        public Integer call() {
            System.out.print(PartyKeys.toPem(common.key().certificate()));
            return 0;
        }
    }

    /** The exchange-file key (hex, 32 bytes) from a file or the environment; never printed. */
    static class FileKey {
        @Option(
                names = "--file-key-file",
                description = "a file holding the department's exchange-file key (hex), as the centre issued it"
                        + " (POST /api/v1/admin/exchange/file-keys/<department>)")
        Path file;

        @Option(
                names = "--file-key-env",
                description = "else the environment variable holding it (default: ${DEFAULT-VALUE})",
                defaultValue = "CITYCARD_EXCHANGE_FILE_KEY")
        String env;

        byte[] key() throws java.io.IOException {
            String hex = file != null ? Files.readString(file).strip() : System.getenv(env);
            if (hex == null || !hex.matches("[0-9A-Fa-f]{" + 2 * FileMac.KEY_BYTES + "}")) {
                throw new CommandLine.ParameterException(
                        new CommandLine(new DepartmentCli()),
                        "the exchange-file key: " + 2 * FileMac.KEY_BYTES + " hex digits in "
                                + (file != null ? file : "$" + env) + (hex == null ? " (not set)" : " (not that)"));
            }
            return java.util.HexFormat.of().parseHex(hex);
        }
    }

    @Command(
            name = "seal-file",
            mixinStandardHelpOptions = true,
            description = "Write the MAC (HMAC-SHA256 under the department's exchange-file key) into the trailer of"
                    + " an exchange file (social_security_exchange), in place, before it is uploaded.")
    static class SealFile implements Callable<Integer> {
        @Mixin
        FileKey key;

        @Parameters(paramLabel = "FILE", description = "the exchange file")
        Path file;

        @Override
        public Integer call() throws Exception {
            byte[] k = key.key();
            byte[] sealed = FileMac.seal(Files.readAllBytes(file), k);
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, sealed);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            System.out.println(file + ": file_mac " + FileMac.declared(sealed) + " (key check value "
                    + FileMac.checkValue(k) + ")");
            return 0;
        }
    }

    @Command(
            name = "verify-file",
            mixinStandardHelpOptions = true,
            description = "Check the trailer MAC of an exchange file under the department's exchange-file key (exit"
                    + " code 1 when it does not verify).")
    static class VerifyFile implements Callable<Integer> {
        @Mixin
        FileKey key;

        @Parameters(paramLabel = "FILE", description = "the exchange file")
        Path file;

        @Override
        public Integer call() throws Exception {
            byte[] content = Files.readAllBytes(file);
            if (FileMac.verify(content, key.key())) {
                System.out.println(file + ": file_mac verifies");
                return 0;
            }
            System.out.println(
                    file + ": file_mac " + (FileMac.declared(content).isEmpty() ? "missing" : "does not verify"));
            return 1;
        }
    }
}
