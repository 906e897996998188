package org.citycard.issuance.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.citycard.issuance.desk.DeskServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code issue desk}: the card centre's desk in the browser, over this data directory, until Ctrl-C. */
@Command(
        name = "desk",
        mixinStandardHelpOptions = true,
        description = "Serves the card centre's desk in the browser (localhost unless --bind says otherwise).")
final class DeskCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--port",
            defaultValue = "8095",
            description = "HTTP port (default ${DEFAULT-VALUE}; 0: any free one)")
    int port;

    @Option(
            names = "--bind",
            defaultValue = "127.0.0.1",
            description = "address to listen on (default ${DEFAULT-VALUE}: this computer only)")
    String bind;

    @Option(
            names = "--idle-minutes",
            defaultValue = "${sys:citycard.issue.session-idle-minutes:-15}",
            description = "a session idle this long ends (default ${DEFAULT-VALUE}, as the command line's)")
    int idleMinutes;

    @Override
    public void run() {
        IssueCli root = IssueCli.root(spec);
        if (idleMinutes < 1) {
            throw new IllegalArgumentException("--idle-minutes " + idleMinutes + ": at least 1");
        }
        CountDownLatch stop = new CountDownLatch(1);
        try (DeskServer desk =
                DeskServer.start(root.tool(), root.serverClient(), bind, port, Duration.ofMinutes(idleMinutes))) {
            String url = "http://" + (bind.equals("0.0.0.0") ? "localhost" : bind) + ":" + desk.port() + "/desk";
            IssueCli.out(spec)
                    .println("发卡柜台 card centre desk on " + url + " (data " + root.dataDir() + ")"
                            + (root.tool().staff().isEmpty()
                                    ? "; no staff yet: create the first supervisor on the page or with 'issue staff init'"
                                    : "")
                            + "; Ctrl-C stops it");
            IssueCli.out(spec).flush();
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            stop.await();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot serve the desk on " + bind + ":" + port + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
