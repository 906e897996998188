package org.citycard.system.city;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.citycard.clearing.ClearingServerApplication;
import org.citycard.clearing.iso.IsoServer;
import org.citycard.clearing.support.BusinessCalendar;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The clearing server of the city, started in this process as {@code ./citycard server} would start it: the real
 * Spring application on embedded Derby in its own data directory, demo keys, HTTP and ISO 8583 on free ports. Its
 * log goes to {@code server.log} in that directory so the console shows the day, not the server's chatter.
 * Everything else talks to it over the wire.
 */
public final class ClearingHost implements AutoCloseable {
    private final Path dataDir;
    private final ConfigurableApplicationContext context;
    private final int httpPort;
    private final int isoPort;
    private final char[] adminPassword;

    private ClearingHost(Path dataDir, ConfigurableApplicationContext context, char[] adminPassword) {
        this.dataDir = dataDir;
        this.context = context;
        this.httpPort = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.isoPort = context.getBean(IsoServer.class).port();
        this.adminPassword = adminPassword;
    }

    /**
     * Starts a server on {@code dataDir} (created when missing). Ports 0 pick free ones.
     *
     * @param extraArgs more Spring arguments ({@code --name=value}), e.g. for PostgreSQL
     */
    public static ClearingHost start(Path dataDir, int httpPort, int isoPort, String... extraArgs) throws IOException {
        Files.createDirectories(dataDir);
        Path abs = dataDir.toAbsolutePath().normalize();
        // the demo's server runs on the public demo keys; a server started on this directory later does too
        org.citycard.dictionary.crypto.KeySetChoice.markDemo(abs);
        List<String> args = new ArrayList<>(List.of(
                "--citycard.data-dir=" + abs,
                "--server.port=" + httpPort,
                "--citycard.iso.port=" + isoPort,
                "--citycard.iso.host=127.0.0.1",
                "--citycard.exchange.port=0",
                "--citycard.keys.source=demo",
                "--logging.file.name=" + abs.resolve("server.log"),
                "--logging.threshold.console=OFF"));
        args.addAll(List.of(extraArgs));
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(ClearingServerApplication.class)
                .logStartupInfo(false)
                .run(args.toArray(String[]::new));
        return new ClearingHost(abs, ctx, readAdminPassword(abs));
    }

    /** The first administrator's password: from $CITYCARD_ADMIN_PASSWORD, else the file the server wrote. */
    private static char[] readAdminPassword(Path dir) throws IOException {
        String env = System.getenv("CITYCARD_ADMIN_PASSWORD");
        if (env != null) {
            return env.toCharArray();
        }
        Path file = dir.resolve("initial-admin-password.txt");
        if (!Files.exists(file)) {
            throw new IllegalStateException("the server in " + dir + " has staff users from an earlier run and"
                    + " $CITYCARD_ADMIN_PASSWORD is not set: give the demo a fresh --data directory");
        }
        return Files.readString(file).strip().toCharArray();
    }

    /** A bean of the server's context (tests that set up reference data without the REST API). */
    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public Path dataDir() {
        return dataDir;
    }

    public int httpPort() {
        return httpPort;
    }

    public int isoPort() {
        return isoPort;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** A staff client logged in as the first administrator. */
    public ServerAdmin admin() {
        return new ServerAdmin(baseUrl(), "admin", adminPassword);
    }

    /** The business date the server books what arrives now on. */
    public String businessDate() {
        return context.getBean(BusinessCalendar.class).currentBusinessDate();
    }

    /** The business zone, which the city's terminals keep their clocks in. */
    public java.time.ZoneId zone() {
        return context.getBean(org.citycard.clearing.config.CityCardProperties.class)
                .businessDay()
                .zone();
    }

    /** Where the departments' exchange clients reach the server's embedded broker. */
    public String exchangeUrl() {
        return context.getBean(org.citycard.clearing.exchange.BrokerConfiguration.BrokerAddress.class)
                .url();
    }

    /** The clearing centre's exchange certificate (PEM file), which the departments verify its documents with. */
    public Path centreCertificate() {
        return context.getBean(org.citycard.clearing.exchange.CentreKey.class).certificateFile();
    }

    @Override
    public void close() {
        context.close();
        java.util.Arrays.fill(adminPassword, '\0');
    }
}
