package org.citycard.clearing.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options of starting a server, declared once and shared by the commands that start one. */
public class ServerOptions {
    @Option(
            names = {"-d", "--data-dir"},
            description = "where the embedded Derby database and generated files live",
            defaultValue = "./data")
    Path dataDir;

    @Option(
            names = {"-p", "--port"},
            description = "HTTP port of the REST API and the dashboard")
    int httpPort = 8080;

    @Option(names = "--http-port", hidden = true, description = "old name of --port")
    void oldHttpPort(int port) {
        org.citycard.dictionary.cli.CliSupport.deprecated("--http-port", "--port");
        this.httpPort = port;
    }

    @Option(
            names = {"-i", "--iso-port"},
            description = "TCP port of the ISO 8583 endpoint",
            defaultValue = "8583")
    int isoPort;

    @Option(
            names = {"-k", "--key-set"},
            description = "key set (required): a BCFKS/PKCS#12 key store holding LMK, MLK, MTK, MIAK, whose password"
                    + " is in $CITYCARD_KEYSTORE_PASSWORD, or 'demo' for the public demo keys (tests and the demo"
                    + " only); a data directory made by ./citycard demo uses the demo keys by itself")
    String keys;

    @Option(names = "--keys", hidden = true, description = "old name of --key-set")
    void oldKeys(String keySet) {
        org.citycard.dictionary.cli.CliSupport.deprecated("--keys", "--key-set");
        this.keys = keySet;
    }

    @Option(
            names = "--postgres",
            description = "use PostgreSQL ($CITYCARD_DB_URL, $CITYCARD_DB_USER, $CITYCARD_DB_PASSWORD) instead of"
                    + " the embedded Derby")
    boolean postgres;

    @Option(
            names = "--tls",
            paramLabel = "FILE",
            description = "serve REST (HTTPS) and ISO 8583 over TLS with the private key and certificate chain of this"
                    + " PKCS#12 key store, its password in $CITYCARD_TLS_PASSWORD; agents trust its CA with"
                    + " --tls-trust")
    Path tls;

    /** The name of the Spring Boot SSL bundle {@code --tls} makes, for both endpoints. */
    static final String TLS_BUNDLE = "citycard-tls";

    static final String TLS_PASSWORD_ENV = "CITYCARD_TLS_PASSWORD";

    /** The Spring properties of {@code --tls}: one SSL bundle, used by the web server and the ISO 8583 endpoint. */
    static Map<String, Object> tlsProperties(Path store, boolean passwordInEnvironment) {
        if (!java.nio.file.Files.isRegularFile(store)) {
            throw new IllegalArgumentException("--tls " + store + ": no such key store");
        }
        if (!passwordInEnvironment) {
            throw new IllegalArgumentException("--tls " + store + " needs its password in $" + TLS_PASSWORD_ENV);
        }
        Map<String, Object> p = new LinkedHashMap<>();
        String prefix = "spring.ssl.bundle.jks." + TLS_BUNDLE + ".keystore.";
        p.put(prefix + "location", "file:" + store.toAbsolutePath().normalize());
        p.put(prefix + "password", "${" + TLS_PASSWORD_ENV + "}");
        p.put(prefix + "type", "PKCS12");
        p.put("server.ssl.bundle", TLS_BUNDLE);
        p.put("citycard.iso.ssl-bundle", TLS_BUNDLE);
        return p;
    }

    /** The key set these options name, or the demo's on its data directory; refuses without one. */
    String keySet() {
        String k = org.citycard.dictionary.crypto.KeySetChoice.resolve(keys, dataDir);
        if (k == null) {
            throw new IllegalArgumentException(org.citycard.dictionary.crypto.KeySetChoice.MISSING);
        }
        return k;
    }

    /** Spring properties for these options. */
    Map<String, Object> properties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("citycard.data-dir", dataDir.toString());
        p.put("server.port", httpPort);
        p.put("citycard.iso.port", isoPort);
        p.put("citycard.keys.source", keySet());
        if (tls != null) {
            p.putAll(tlsProperties(tls, System.getenv(TLS_PASSWORD_ENV) != null));
        }
        return p;
    }
}
