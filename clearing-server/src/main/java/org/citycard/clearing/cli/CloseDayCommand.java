package org.citycard.clearing.cli;

import java.io.Console;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.citycard.clearing.bankfile.FileSet;
import org.citycard.clearing.settlement.CloseProgress;
import org.citycard.clearing.settlement.DayCloseResult;
import org.citycard.clearing.settlement.DayCloseService;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./citycard server close-day [--date D]}: closes a business day. By default on the data directory's embedded
 * database, with the server stopped (Derby admits one process); with {@code --server-url} through the running server's
 * REST API as an administrator. Progress is shown; the summary lists each bank's files.
 */
@Command(
        name = "close-day",
        mixinStandardHelpOptions = true,
        description = "Close a business day: settle per department, write and sign the bank files. A closed day"
                + " closed again books nothing and writes the same files.")
class CloseDayCommand implements Callable<Integer> {
    @Mixin
    ServerOptions options;

    @Option(
            names = {"-D", "--date"},
            description = "business day YYYYMMDD (default: the day before the current business day)")
    String date;

    @Option(
            names = "--server-url",
            description = "close through a running server's REST API at this base URL (e.g. http://localhost:8080)"
                    + " instead of opening the data directory")
    URI url;

    @Option(
            names = {"-u", "--url"},
            hidden = true,
            description = "old name of --server-url")
    void oldUrl(URI u) {
        org.citycard.dictionary.cli.CliSupport.deprecated("--url", "--server-url");
        this.url = u;
    }

    @Option(
            names = "--user",
            description = "with --server-url: the administrator (password from $CITYCARD_ADMIN_PASSWORD or asked for)",
            defaultValue = "admin")
    String user;

    @Override
    public Integer call() throws Exception {
        return url != null ? remote() : local();
    }

    private int local() {
        ConfigurableApplicationContext ctx;
        try {
            ctx = ServerCli.batchContext(options);
        } catch (RuntimeException e) {
            System.err.println("cannot open the clearing database in "
                    + options.dataDir.toAbsolutePath().normalize() + ": " + rootMessage(e));
            System.err.println("If the server is running it holds the database: close through it with"
                    + " --server-url http://localhost:" + options.httpPort);
            return 2;
        }
        try (ctx) {
            DayCloseService service = ctx.getBean(DayCloseService.class);
            String day = date != null ? date : service.defaultDay();
            DayCloseResult r;
            try (ProgressBar bar = new ProgressBarBuilder()
                    .setTaskName("close " + day)
                    .setInitialMax(4)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(100)
                    .continuousUpdate()
                    .build()) {
                r = service.close(day, "cli:" + System.getProperty("user.name"), new CloseProgress() {
                    @Override
                    public void steps(int total) {
                        bar.maxHint(total);
                    }

                    @Override
                    public void step(String what) {
                        bar.setExtraMessage(what);
                        bar.step();
                    }
                });
            }
            print(r, options.dataDir.toAbsolutePath().normalize().toString());
            return 0;
        } catch (org.citycard.dictionary.validate.ValidationException
                | org.citycard.clearing.support.ConflictException e) {
            System.err.println("day close refused, nothing changed: " + e.getMessage());
            return 1;
        }
    }

    private int remote() throws Exception {
        String day = date != null
                ? date
                : LocalDate.now(ZoneId.of("Asia/Shanghai"))
                        .minusDays(1)
                        .format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
        String password = System.getenv("CITYCARD_ADMIN_PASSWORD");
        if (password == null) {
            Console console = System.console();
            if (console == null) {
                System.err.println("no password: set $CITYCARD_ADMIN_PASSWORD or run in a terminal");
                return 2;
            }
            password = new String(console.readPassword("password of %s: ", user));
        }
        String base = url.toString().replaceAll("/+$", "");
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/v1/days/" + day + "/close"))
                .timeout(Duration.ofMinutes(30))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "application/json")
                .header("X-Requested-With", "CityCard") // the server refuses state changes without it (CSRF)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        System.out.println("closing " + day + " through " + base + " …");
        HttpResponse<String> resp = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() != 200) {
            System.err.println("the server answered " + resp.statusCode() + ": " + resp.body());
            return 1;
        }
        System.out.println(resp.body());
        return 0;
    }

    static void print(DayCloseResult r, String dataDir) {
        System.out.printf(
                "business day %s %s: %d purchases, gross %s, fee %s, net %s CNY; %d payments of %s CNY%n",
                r.businessDate(),
                r.rerun() ? "was closed before (nothing booked again, files written again)" : "closed",
                r.purchaseCount(),
                yuan(r.gross()),
                yuan(r.fee()),
                yuan(r.net()),
                r.paymentCount(),
                yuan(r.paymentTotal()));
        for (DayCloseResult.BankFileSummary f : r.files()) {
            System.out.printf(
                    "  %s %s  %s: %d payments, %s CNY  [%s]%n",
                    f.bankCode(), f.bankName(), f.messageId(), f.transactions(), yuan(f.total()), f.status());
            List<String> names = new ArrayList<>();
            for (FileSet.WrittenFile w : f.files()) {
                names.add(w.name() + " (" + w.size() + " B)");
            }
            System.out.println("    " + dataDir + "/" + f.folder() + ": " + String.join(", ", names));
        }
    }

    static String yuan(long fen) {
        return java.math.BigDecimal.valueOf(fen, 2).toPlainString();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
