package org.citycard.clearing.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options of starting a server, declared once and shared by the commands that start one. */
public class ServerOptions {
    @Option(
            names = {"-d", "--data-dir"},
            description = "where the embedded Derby database and generated files live (default: ${DEFAULT-VALUE})",
            defaultValue = "./data")
    Path dataDir;

    @Option(
            names = {"-p", "--http-port"},
            description = "HTTP port of the REST API (default: ${DEFAULT-VALUE})",
            defaultValue = "8080")
    int httpPort;

    @Option(
            names = {"-i", "--iso-port"},
            description = "TCP port of the ISO 8583 endpoint (default: ${DEFAULT-VALUE})",
            defaultValue = "8583")
    int isoPort;

    @Option(
            names = {"-k", "--keys"},
            description = "key set: 'demo' (public demo keys) or a BCFKS/PKCS#12 key store whose password is in"
                    + " $CITYCARD_KEYSTORE_PASSWORD (default: ${DEFAULT-VALUE})",
            defaultValue = "demo")
    String keys;

    @Option(
            names = "--postgres",
            description = "use PostgreSQL ($CITYCARD_DB_URL, $CITYCARD_DB_USER, $CITYCARD_DB_PASSWORD) instead of"
                    + " the embedded Derby")
    boolean postgres;

    /** Spring properties for these options. */
    Map<String, Object> properties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("citycard.data-dir", dataDir.toString());
        p.put("server.port", httpPort);
        p.put("citycard.iso.port", isoPort);
        p.put("citycard.keys.source", keys);
        return p;
    }
}
