package org.citycard.clearing.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.citycard.clearing.ClearingServerApplication;
import org.citycard.clearing.iso.IsoServer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ./citycard server}: runs the clearing server (the default command) on the embedded defaults and prints
 * where it listens; {@code close-day} closes a business day (see {@link CloseDayCommand}).
 */
@Command(
        name = "server",
        mixinStandardHelpOptions = true,
        description = "The CityCard clearing server: ISO 8583 host, ledger and REST API.",
        subcommands = {
            ServerCli.Run.class,
            CloseDayCommand.class,
            ExchangeCommand.class,
            TerminalKeysCommand.class,
            OfflineLimitsCommand.class,
            KeyVersionCommand.class,
            VerifyBankFilesCommand.class,
            SigningCertificatesCommand.class
        })
public class ServerCli implements Callable<Integer> {
    @Mixin
    ServerOptions options;

    public static void main(String[] args) {
        if (!org.citycard.dictionary.cli.CliSupport.debug(args)) {
            // a failed start is told in one line by the command line (and Spring's failure analysis), not by a
            // stack trace of Spring's own "Application run failed"
            System.setProperty("logging.level.org.springframework.boot.SpringApplication", "OFF");
        }
        System.exit(commandLine().execute(args));
    }

    /** The command line with the shared CityCard behaviour (version, defaults in help, one-line errors). */
    public static CommandLine commandLine() {
        return org.citycard.dictionary.cli.CliSupport.configure(new CommandLine(new ServerCli()), "server");
    }

    @Override
    public Integer call() {
        return start(options);
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Run the server (the default).")
    static class Run implements Callable<Integer> {
        @Mixin
        ServerOptions options;

        @Override
        public Integer call() {
            return start(options);
        }
    }

    /** Starts the server and prints its addresses; returns once the server stops. */
    static int start(ServerOptions options) {
        String keySet = options.keySet();
        ConfigurableApplicationContext ctx = context(options, new String[0]);
        int http = ((WebServerApplicationContext) ctx).getWebServer().getPort();
        int iso = ctx.getBean(IsoServer.class).port();
        System.out.println("CityCard clearing server");
        String scheme = options.tls != null ? "https" : "http";
        System.out.println("  REST API   " + scheme + "://localhost:" + http + "/api/v1  (OpenAPI: " + scheme
                + "://localhost:" + http + "/swagger-ui.html)");
        System.out.println("  ISO 8583   tcp://localhost:" + iso + "  (2-byte length framing, dictionary packager"
                + (options.tls != null ? ", TLS" : "") + ")");
        System.out.println("  database   "
                + (options.postgres
                        ? "PostgreSQL"
                        : "Derby in " + options.dataDir.toAbsolutePath().normalize()));
        System.out.println(
                "  keys       " + keySet + ("demo".equals(keySet) ? " (DEMO KEYS: tests and demo only)" : ""));
        System.out.println("Press Ctrl+C to stop.");
        CountDownLatch closed = new CountDownLatch(1);
        ctx.addApplicationListener((ContextClosedEvent e) -> closed.countDown());
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /**
     * The server's Spring context for a command-line job: no HTTP, the ISO 8583 endpoint on a free port, quiet logs.
     */
    public static ConfigurableApplicationContext batchContext(ServerOptions options) {
        SpringApplication app = new SpringApplication(ClearingServerApplication.class);
        app.setWebApplicationType(org.springframework.boot.WebApplicationType.NONE);
        app.setLogStartupInfo(false);
        if (options.postgres) {
            app.setAdditionalProfiles("postgres");
        }
        java.util.Map<String, Object> properties = options.properties();
        properties.put("citycard.iso.port", 0);
        properties.put("citycard.exchange.port", 0);
        properties.put("logging.level.org.citycard", "WARN");
        List<String> args = new ArrayList<>();
        properties.forEach((k, v) -> args.add("--" + k + "=" + v));
        return app.run(args.toArray(String[]::new));
    }

    /** The Spring context of the server for these options (they override application.yaml). */
    public static ConfigurableApplicationContext context(ServerOptions options, String[] extraArgs) {
        SpringApplication app = new SpringApplication(ClearingServerApplication.class);
        if (options.postgres) {
            app.setAdditionalProfiles("postgres");
        }
        List<String> args = new ArrayList<>();
        options.properties().forEach((k, v) -> args.add("--" + k + "=" + v));
        args.addAll(List.of(extraArgs));
        return app.run(args.toArray(String[]::new));
    }
}
