package org.citycard.cardlink.pcsc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.citycard.agent.iso.IsoConfig;
import org.citycard.agent.journal.Journal;
import org.citycard.agent.purse.PurchaseRequest;
import org.citycard.agent.runtime.TerminalAgent;
import org.citycard.agent.session.AgentEvent;
import org.citycard.agent.session.TapRequest;
import org.citycard.agent.testing.TestIsoHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent's default path through the real PC/SC stack: pcscd with vsmartcard's vpcd driver, the applets in
 * jCardSim served to vpcd (a citizen card in "Virtual PCD 00 00", the PSAM in "Virtual PCD 00 01"), a purchase
 * through javax.smartcardio's PC/SC provider exactly as with a USB reader. Skipped with a message where pcscd or
 * vpcd is not installed (Debian: apt-get install pcscd vsmartcard-vpcd).
 */
class PcscPurchaseTest {
    private static final Path VPCD = Path.of("/usr/lib/pcsc/drivers/serial/libifdvpcd.so");
    private static final List<Process> started = new ArrayList<>();

    @BeforeAll
    static void startStack() throws Exception {
        Path pcscd = Path.of("/usr/sbin/pcscd");
        assumeTrue(
                Files.isExecutable(pcscd) && Files.exists(VPCD),
                "SKIPPED: the real PC/SC test needs pcscd and vsmartcard-vpcd (apt-get install pcscd vsmartcard-vpcd)");
        if (!running("pcscd")) {
            started.add(new ProcessBuilder(pcscd.toString(), "--foreground")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start());
            Thread.sleep(1500);
        }
        assumeTrue(running("pcscd"), "SKIPPED: pcscd did not start (needs root or the pcscd service)");
        started.add(virtualCard("citizen", 35963));
        started.add(virtualCard("psam", 35964));
    }

    private static boolean running(String name) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("pgrep", "-x", name).start();
        return p.waitFor() == 0;
    }

    private static Process virtualCard(String kind, int port) throws IOException {
        return new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "org.citycard.applet.sim.VirtualCardMain",
                        "--card",
                        kind,
                        "--port",
                        Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    @AfterAll
    static void stopStack() throws InterruptedException {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).destroy();
            started.get(i).waitFor(5, TimeUnit.SECONDS);
        }
        started.clear();
    }

    @Test
    void purchase_throughTheDefaultPcscPath() throws Exception {
        try (Readers readers = Readers.open(ReaderConfig.pcsc())) {
            long deadline = System.currentTimeMillis() + 15_000;
            while (readers.list().stream().filter(ReaderInfo::cardPresent).count() < 2
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            assertThat(readers.list()).extracting(ReaderInfo::name).anyMatch(n -> n.startsWith("Virtual PCD"));
            try (TestIsoHost host = TestIsoHost.start();
                    Journal journal = Journal.inMemory("pcsc" + System.nanoTime());
                    TerminalAgent agent = TerminalAgent.builder()
                            .psam(readers.psam())
                            .journal(journal)
                            .iso(new IsoConfig("127.0.0.1", host.port(), Duration.ofSeconds(1), Duration.ofSeconds(2)))
                            .demoTerminalKey()
                            .build()
                            .start()) {
                assertThat(agent.terminalId()).isEqualTo("123456789012");
                agent.taps().arm(new TapRequest.Pay(new PurchaseRequest(123, "0201", "PCSC-1", null)));
                CompletableFuture<AgentEvent> result = new CompletableFuture<>();
                try (TapLoop loop = readers.tapLoop(new TapHandler() {
                            @Override
                            public void onTap(Tap tap) {
                                result.complete(agent.tap(tap.card()));
                            }
                        })
                        .start()) {
                    AgentEvent e = result.get(20, TimeUnit.SECONDS);
                    assertThat(e.type()).as("%s", e.data()).isEqualTo("receipt");
                    assertThat(e.data()).containsEntry("amount", 123L).containsEntry("balance", 10_000L - 123);
                }
                assertThat(agent.drain(10_000)).isTrue();
                assertThat(host.storedRecords()).hasSize(1);
                System.out.println("PC/SC purchase through "
                        + readers.list().get(0).name() + ": " + result.get().data());
            }
        }
    }
}
