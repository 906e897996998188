package org.citycard.agent.cli;

import java.nio.file.Path;
import java.time.Duration;
import org.citycard.agent.hotlist.HttpServerApi;
import org.citycard.agent.hotlist.ServerApi;
import org.citycard.agent.iso.IsoConfig;
import org.citycard.cardlink.pcsc.ReaderConfig;
import org.citycard.dictionary.crypto.KeySetChoice;
import org.citycard.dictionary.crypto.TerminalKey;
import picocli.CommandLine.Option;

/** The options every agent command shares, each declared once. */
public final class AgentOptions {
    @Option(
            names = {"-r", "--reader"},
            defaultValue = "pcsc",
            description = "pcsc (the machine's readers, default) or sim (simulated cards)")
    String reader;

    @Option(
            names = {"-c", "--card-reader"},
            defaultValue = "",
            description = "card reader: part of its name, atr:HEX or aid:HEX")
    String cardReader;

    @Option(
            names = {"--psam-reader"},
            defaultValue = "",
            description = "PSAM slot: part of its name, atr:HEX or aid:HEX (default: the one answering the PSAM AID)")
    String psamReader;

    @Option(
            names = {"--data-dir"},
            description = "the agent's data directory: its journal (embedded Derby)")
    Path journal = Path.of("data/agent-journal");

    @Option(
            names = {"-j", "--journal"},
            hidden = true,
            description = "old name of --data-dir")
    void oldJournal(Path dir) {
        org.citycard.dictionary.cli.CliSupport.deprecated("--journal", "--data-dir");
        this.journal = dir;
    }

    @Option(
            names = {"--iso-host"},
            description = "clearing server host of the ISO 8583 endpoint")
    String server = "localhost";

    @Option(
            names = {"-s", "--server"},
            hidden = true,
            description = "old name of --iso-host")
    void oldServer(String host) {
        org.citycard.dictionary.cli.CliSupport.deprecated("--server", "--iso-host");
        this.server = host;
    }

    @Option(
            names = {"-i", "--iso-port"},
            defaultValue = "8583",
            description = "clearing server ISO 8583 port")
    int isoPort;

    @Option(
            names = {"--server-url"},
            description = "clearing server HTTP base URL (hotlist, parameters, social security)")
    String http = "http://localhost:8080";

    @Option(
            names = {"-u", "--http"},
            hidden = true,
            description = "old name of --server-url")
    void oldHttp(String url) {
        org.citycard.dictionary.cli.CliSupport.deprecated("--http", "--server-url");
        this.http = url;
    }

    @Option(
            names = {"--department"},
            description = "department code this terminal collects for")
    String department = "0101";

    @Option(
            names = {"-d"},
            hidden = true,
            description = "old short name of --department")
    void oldDepartment(String code) {
        org.citycard.dictionary.cli.CliSupport.deprecated(
                "-d for the department", "--department (-d is --data-dir in the other commands)");
        this.department = code;
    }

    @Option(
            names = {"-k", "--key-set"},
            description = "the terminal's key store, made for it by ./citycard server terminal-keys (password in"
                    + " $CITYCARD_KEYSTORE_PASSWORD), or 'demo' for its public demo key (tests and the demo only);"
                    + " required")
    String keySet;

    @Option(
            names = {"-t", "--timeout"},
            defaultValue = "10",
            description = "seconds to wait for the clearing server's answer")
    int timeoutSeconds;

    ReaderConfig readerConfig() {
        return new ReaderConfig(reader, cardReader, psamReader, null);
    }

    @Option(
            names = "--tls-trust",
            paramLabel = "FILE",
            description = "speak TLS to the server (ISO 8583 and an https --server-url), trusting only the"
                    + " certificates of this PKCS#12 trust store (the clearing centre's CA; its password, if any, in"
                    + " $CITYCARD_TLS_TRUST_PASSWORD)")
    Path tlsTrust;

    private javax.net.ssl.SSLContext tls() {
        if (tlsTrust == null) {
            return null;
        }
        String pw = System.getenv("CITYCARD_TLS_TRUST_PASSWORD");
        return org.citycard.dictionary.crypto.TlsContexts.trusting(tlsTrust, pw == null ? null : pw.toCharArray());
    }

    IsoConfig isoConfig() {
        return new IsoConfig(server, isoPort, Duration.ofSeconds(3), Duration.ofSeconds(timeoutSeconds), tls());
    }

    ServerApi serverApi() {
        if (tlsTrust != null && !http.startsWith("https://")) {
            throw new IllegalArgumentException("--tls-trust needs an https --server-url, not " + http);
        }
        return new HttpServerApi(http, Duration.ofSeconds(timeoutSeconds), tls());
    }

    /**
     * The agent's terminal key by terminal ID: from the key store named (refused when it is another terminal's, or
     * the password is wrong), or the demo key when named; without either the agent refuses to start.
     */
    java.util.function.Function<String, TerminalKey> keys() {
        if (keySet == null || keySet.isBlank()) {
            throw new IllegalArgumentException(KeySetChoice.MISSING);
        }
        return this::terminalKey;
    }

    /** The terminal's own key from its key store (for commands that talk to the host without a full agent). */
    TerminalKey terminalKey(String terminalId) {
        if (keySet == null || keySet.isBlank()) {
            throw new IllegalArgumentException(KeySetChoice.MISSING);
        }
        if ("demo".equals(keySet)) {
            return TerminalKey.demo(terminalId);
        }
        String pw = System.getenv("CITYCARD_KEYSTORE_PASSWORD");
        if (pw == null) {
            throw new IllegalArgumentException("terminal key store " + keySet + ": set CITYCARD_KEYSTORE_PASSWORD");
        }
        return TerminalKey.open(Path.of(keySet), pw.toCharArray(), terminalId);
    }
}
