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
        try {
            return new ClearingHost(abs, ctx, adminPassword(abs, ctx));
        } catch (RuntimeException | IOException e) {
            ctx.close();
            throw e;
        }
    }

    /** Where the demo keeps the first administrator's password once it has replaced the generated one. */
    public static final String DEMO_ADMIN_PASSWORD = "demo-admin-password.txt";

    /**
     * The first administrator's password: from $CITYCARD_ADMIN_PASSWORD, else the file the server wrote, else the
     * demo's from an earlier start on this directory. The server lets a generated password do nothing but change it
     * (issue 15), so a pending one is changed first, to a random one written (owner-readable only) to
     * {@value #DEMO_ADMIN_PASSWORD} for signing in to the dashboard after the demo; the server deletes its
     * {@code initial-admin-password.txt}.
     */
    private static char[] adminPassword(Path dir, ConfigurableApplicationContext ctx) throws IOException {
        String env = System.getenv("CITYCARD_ADMIN_PASSWORD");
        Path initial = dir.resolve("initial-admin-password.txt");
        Path demo = dir.resolve(DEMO_ADMIN_PASSWORD);
        char[] password;
        if (env != null) {
            password = env.toCharArray();
        } else if (Files.exists(initial)) {
            password = Files.readString(initial).strip().toCharArray();
        } else if (Files.exists(demo)) {
            password = Files.readString(demo).strip().toCharArray();
        } else {
            throw new IllegalStateException("the server in " + dir + " has staff users from an earlier run and"
                    + " $CITYCARD_ADMIN_PASSWORD is not set: give the demo a fresh --data directory");
        }
        if (!ctx.getBean(org.citycard.clearing.security.StaffUsers.class).mustChangePassword("admin")) {
            return password;
        }
        char[] chosen = randomPassword();
        // in the server's own context, as the API's POST /api/v1/staff/me/password does (the REST side may be HTTPS)
        ctx.getBean(org.citycard.clearing.security.PasswordChanges.class)
                .changeOwn("admin", new String(password), new String(chosen));
        java.util.Arrays.fill(password, '\0');
        Files.deleteIfExists(demo);
        try {
            Files.createFile(
                    demo,
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(demo);
        }
        Files.writeString(demo, new String(chosen) + System.lineSeparator());
        return chosen;
    }

    private static char[] randomPassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        java.security.SecureRandom r = new java.security.SecureRandom();
        char[] c = new char[20];
        for (int i = 0; i < c.length; i++) {
            c[i] = alphabet.charAt(r.nextInt(alphabet.length()));
        }
        return c;
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
