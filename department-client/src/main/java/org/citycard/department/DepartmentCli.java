package org.citycard.department;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.citycard.dictionary.exchange.PartyKeys;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./citycard exchange listen|send|certificate}: what a department runs to take part in the exchange.
 */
@Command(
        name = "exchange",
        mixinStandardHelpOptions = true,
        description = "A department's exchange client: receive its documents into a folder, send its own.",
        subcommands = {DepartmentCli.Listen.class, DepartmentCli.Send.class, DepartmentCli.Certificate.class})
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
}
