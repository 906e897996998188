package org.citycard.system.pcsc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;
import org.citycard.agent.hotlist.HttpServerApi;
import org.citycard.agent.journal.Journal;
import org.citycard.agent.purse.PurchaseRequest;
import org.citycard.agent.runtime.TerminalAgent;
import org.citycard.agent.session.AgentEvent;
import org.citycard.agent.session.TapRequest;
import org.citycard.cardlink.CardConnection;
import org.citycard.cardlink.pcsc.ReaderConfig;
import org.citycard.cardlink.pcsc.Readers;
import org.citycard.cardlink.pcsc.Tap;
import org.citycard.issuance.perso.CardSource;
import org.citycard.system.TestDirs;
import org.citycard.system.city.Citizens;
import org.citycard.system.city.City;
import org.citycard.system.city.CityLayout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Once through the real PC/SC stack, as with USB readers: pcscd with vsmartcard's vpcd driver, a blank citizen card
 * in "Virtual PCD 00 00" and a blank PSAM in "Virtual PCD 00 01" (the applets in jCardSim, each in its own process
 * behind vpcd). The issuance tool personalises both through javax.smartcardio's PC/SC provider and reports the card
 * to the server; the agent, on its default PC/SC path, loads the card over ISO 8583, takes a purchase and uploads it;
 * the server's ledger agrees.
 *
 * <p>Runs where pcscd and vpcd are installed and the build asks for it: {@code CI} set (CI does) or {@code
 * -Dcitycard.pcsc=true}; it borrows vpcd's two slots, which other builds on a shared machine may be using.
 */
class PcscCityTest {
    private static final Path PCSCD = Path.of("/usr/sbin/pcscd");
    private static final Path VPCD = Path.of("/usr/lib/pcsc/drivers/serial/libifdvpcd.so");
    private static final String CARD_SLOT = "Virtual PCD 00 00";
    private static final String PSAM_SLOT = "Virtual PCD 00 01";
    private static final List<Process> started = new ArrayList<>();

    @BeforeAll
    static void stack() throws Exception {
        assumeTrue(
                System.getenv("CI") != null || Boolean.getBoolean("citycard.pcsc"),
                "SKIPPED: the PC/SC city test borrows vpcd's slots; it runs in CI (CI set) or with"
                        + " -Dcitycard.pcsc=true");
        assumeTrue(
                Files.isExecutable(PCSCD) && Files.exists(VPCD),
                "SKIPPED: needs pcscd and vsmartcard-vpcd (Debian: apt-get install pcscd vsmartcard-vpcd)");
        ensurePcscd();
        assumeTrue(running("pcscd"), "SKIPPED: pcscd did not start (it needs root or the pcscd service)");
        started.add(blankCard("citizen", 35963));
        started.add(blankCard("psam", 35964));
    }

    /**
     * pcscd up and staying up: another module's PC/SC test may have just stopped the one it started, so a pcscd
     * seen once may be on its way out.
     */
    private static void ensurePcscd() throws Exception {
        for (int attempt = 0; attempt < 3; attempt++) {
            if (!running("pcscd")) {
                started.add(new ProcessBuilder(PCSCD.toString(), "--foreground")
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start());
            }
            Thread.sleep(1500);
            if (running("pcscd")) {
                return;
            }
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).destroy();
            started.get(i).waitFor(5, TimeUnit.SECONDS);
        }
        started.clear();
    }

    @Test
    void issuanceAndAgent_overRealPcsc_personaliseLoadAndPay_andTheServerAgrees() throws Exception {
        CardTerminal cardSlot = awaitCard(CARD_SLOT);
        CardTerminal psamSlot = awaitCard(PSAM_SLOT);
        String terminalId = "310105009001";
        try (City city = City.start(TestDirs.fresh("pcsc"))) {
            List<Citizens.Person> people = Citizens.make(1, 41);
            city.centre().enrol(people, people);
            List<String> asns = city.centre().produce(new OneReader(cardSlot), asn -> {});
            assertThat(asns).hasSize(1);
            String asn = asns.get(0);
            city.centre().handOver(asn, people.get(0).citizenId());
            try (CardConnection psam =
                    org.citycard.cardlink.pcsc.Slot.of(psamSlot).connect()) {
                city.centre().psam(psam, terminalId);
            }
            // one terminal loads and takes the payment: a counter (the only type that may do both)
            city.admin()
                    .terminal(
                            terminalId,
                            CityLayout.TRANSIT.code(),
                            "9" + terminalId + "0000000",
                            org.citycard.dictionary.wire.TerminalType.COUNTER);
            var terminalKey = org.citycard.system.city.TerminalKeys.handOver(
                    city.admin(), terminalId, city.dir().resolve("pcsc-agent"));

            try (Readers readers = Readers.open(new ReaderConfig("pcsc", CARD_SLOT, PSAM_SLOT, null));
                    Journal journal =
                            Journal.open(city.dir().resolve("pcsc-agent").resolve("journal"));
                    TerminalAgent agent = TerminalAgent.builder()
                            .psam(readers.psam())
                            .journal(journal)
                            .iso(city.iso())
                            .server(new HttpServerApi(city.server().baseUrl(), Duration.ofSeconds(10)))
                            .terminalKey(terminalKey)
                            .department(CityLayout.TRANSIT.code())
                            .clock(Clock.system(city.server().zone()))
                            .refreshMs(0)
                            .build()
                            .start()) {
                assertThat(agent.terminalId())
                        .as("read from the PSAM the card centre made")
                        .isEqualTo(terminalId);
                agent.taps().arm(new TapRequest.Load(5_000));
                AgentEvent loaded = tap(readers, agent);
                assertThat(loaded.type()).as("%s", loaded.data()).isEqualTo("loaded");
                agent.taps().arm(new TapRequest.Pay(new PurchaseRequest(300, CityLayout.TRANSIT.code(), "", null)));
                AgentEvent receipt = tap(readers, agent);
                assertThat(receipt.type()).as("%s", receipt.data()).isEqualTo("receipt");
                assertThat(receipt.data()).containsEntry("balance", 4_700L);
                assertThat(agent.drain(30_000)).isTrue();
                System.out.println("PC/SC: card " + asn.substring(16) + " personalised in " + cardSlot.getName()
                        + ", PSAM in " + psamSlot.getName() + ", loaded and paid: " + receipt.data());
            }
            assertThat(city.admin().account(asn).path("floatBalance").asLong()).isEqualTo(4_700);
            assertThat(city.admin()
                            .get("/api/v1/cards/" + asn + "/transactions")
                            .path("purchases")
                            .get(0)
                            .path("terminalId")
                            .asText())
                    .isEqualTo(terminalId);
        }
    }

    private static AgentEvent tap(Readers readers, TerminalAgent agent) {
        Tap tap = readers.connectCard();
        return agent.tap(tap.card());
    }

    /** The card in one PC/SC reader, as an encoder would present it; it stays in the reader afterwards. */
    private record OneReader(CardTerminal reader) implements CardSource {
        @Override
        public CardConnection present(String what) {
            return org.citycard.cardlink.pcsc.Slot.of(reader).connect();
        }

        @Override
        public void done(CardConnection connection, boolean ok) {
            connection.close();
        }
    }

    /**
     * Waits for the card in a vpcd slot. Asks a new PC/SC factory each time: the JDK's default factory is fixed when
     * the JVM first touches javax.smartcardio (here, earlier tests with simulated readers, before pcscd ran) and then
     * stays without readers.
     */
    private static CardTerminal awaitCard(String name) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        String last = "";
        while (System.currentTimeMillis() < deadline) {
            try {
                List<CardTerminal> all =
                        TerminalFactory.getInstance("PC/SC", null).terminals().list();
                for (CardTerminal t : all) {
                    if (t.getName().equals(name) && t.isCardPresent()) {
                        return t;
                    }
                }
                last = "readers " + all.stream().map(CardTerminal::getName).toList();
            } catch (java.security.NoSuchAlgorithmException | javax.smartcardio.CardException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no card in PC/SC reader " + name + " within 30 s: " + last);
    }

    private static boolean running(String name) throws IOException, InterruptedException {
        return new ProcessBuilder("pgrep", "-x", name).start().waitFor() == 0;
    }

    private static Process blankCard(String kind, int port) throws IOException {
        return new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "org.citycard.applet.sim.VirtualCardMain",
                        "--card",
                        kind,
                        "--blank",
                        "--port",
                        Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }
}
