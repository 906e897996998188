package org.citycard.issuance.perso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.citycard.applet.sim.SimulatedCard;
import org.citycard.cardlink.CardConnection;
import org.citycard.cardlink.perso.CardCommands;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.issuance.perso.source.SimulatorCardSource;
import org.citycard.issuance.support.Fixture;
import org.citycard.issuance.support.HostTerminal;
import org.citycard.issuance.support.Pipeline;
import org.citycard.issuance.support.RecordingRegistry;
import org.citycard.issuance.workflow.CardRecord;
import org.citycard.issuance.workflow.CardState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real applets in jCardSim, personalised by the tool, then used for a load and a purchase. */
class PersonalisationTest {
    static final String TERMINAL = "310100000042";

    @TempDir
    Path dir;

    Fixture f;
    RecordingRegistry server = new RecordingRegistry();

    @BeforeEach
    void open() {
        f = new Fixture(dir.resolve("data"));
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void batch_personalisesRealCards_thatLoadAndPurchaseWithValidTacs_andAPsamMadeByTheTool() {
        KeySet demo = f.tool.keyStores().open(f.operator, "demo", null);
        List<Long> apps = Pipeline.verified(f, dir, 100, 3);
        ProductionService.Batch batch = f.tool.production().create(f.operator, 3, "demo");
        SimulatorCardSource cards = SimulatorCardSource.citizenCards("perso-test-" + System.nanoTime(), demo.key("TK"));
        ProductionService.Summary s = f.tool.production()
                .run(f.operator, batch.id(), demo, cards, ProgressListener.quiet(), server, "990000000001");
        assertThat(s.stoppedBy()).isNull();
        assertThat(s.personalisedNow()).isEqualTo(3);
        assertThat(s.reportedToServer()).isEqualTo(3);
        assertThat(cards.finished()).hasSize(3);

        CardRecord card =
                f.tool.status().lookup(Long.toString(apps.get(0))).get(0).card();
        assertThat(card.state()).isEqualTo(CardState.PERSONALISED);
        assertThat(card.asn()).startsWith("31000000").hasSize(20);
        assertThat(server.cards.get(card.asn()).state()).isEqualTo("40");

        SimulatedCard sim = (SimulatedCard) cards.finished().get(0);
        SimulatorCardSource psams = SimulatorCardSource.psams("psam-test-" + System.nanoTime(), demo.key("TK"));
        try (CardConnection psam = psams.present("PSAM of " + TERMINAL)) {
            assertThat(f.tool.production().personalisePsam(f.operator, demo, psam, TERMINAL))
                    .isEqualTo(2);
            HostTerminal host = new HostTerminal(demo, TERMINAL);
            assertThat(host.balance(sim::transmit)).isZero();
            assertThat(host.load(sim::transmit, card.asn(), 5_000)).isEqualTo(5_000);
            // the PSAM is driven directly: the simulator's javax.smartcardio channel refuses INS 70 (INIT SAM FOR
            // PURCHASE) as MANAGE CHANNEL even with CLA 80, which the JDK's PC/SC channel lets through
            SimulatedCard psamCard = ((org.citycard.applet.sim.SimulatedReader) psams.reader())
                    .card()
                    .orElseThrow();
            assertThat(host.purchase(sim::transmit, psamCard::transmit, card.asn(), 400))
                    .isEqualTo(4_600);
            assertThat(host.balance(sim::transmit)).isEqualTo(4_600);
        }
        // a third-party reader: 00 B2 07 2C 00 reads the card number from EF05 (CARD-SPEC §2.1)
        byte[] r = sim.transmit(new CardCommands(org.citycard.dictionary.Dictionary.standard())
                .select(org.citycard.dictionary.Dictionary.standard()
                        .application("ssse")
                        .aidBytes())
                .bytes());
        assertThat(r[r.length - 2]).isEqualTo((byte) 0x90);
        byte[] number = sim.transmit(new byte[] {0, (byte) 0xB2, 7, 0x2C, 0});
        assertThat(new String(number, 2, 9, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo(card.cardNumber());
    }

    @Test
    void anIssuedCardOfAnotherAsn_isNeverPersonalisedAgain() {
        KeySet demo = KeySet.demo();
        Pipeline.verified(f, dir, 200, 2);
        ProductionService.Batch b1 = f.tool.production().create(f.operator, 1, "demo");
        SimulatorCardSource cards = SimulatorCardSource.citizenCards("again-" + System.nanoTime(), demo.key("TK"));
        f.tool.production().run(f.operator, b1.id(), demo, cards, ProgressListener.quiet(), server, "990000000001");
        SimulatedCard done = (SimulatedCard) cards.finished().get(0);
        ((org.citycard.applet.sim.SimulatedReader) cards.reader()).insert(done);
        ProductionService.Batch b2 = f.tool.production().create(f.operator, 1, "demo");
        ProductionService.Summary s = f.tool.production()
                .run(f.operator, b2.id(), demo, cards, ProgressListener.quiet(), server, "990000000001");
        assertThat(s.stoppedBy()).contains("already issued with other content");
        assertThat(s.personalisedNow()).isZero();
    }

    @Test
    void batch_refusesAnotherKeySet() {
        Pipeline.verified(f, dir, 300, 1);
        ProductionService.Batch b = f.tool.production().create(f.operator, 1, "issuer.bcfks");
        assertThatThrownBy(() -> f.tool.production()
                        .run(f.operator, b.id(), KeySet.demo(), null, ProgressListener.quiet(), server, "990000000001"))
                .hasMessageContaining("was made for key set issuer.bcfks, not demo");
        assertThatThrownBy(() -> f.tool.production().create(f.operator, 1, "demo"))
                .hasMessageContaining("no verified application");
        assertThatThrownBy(() -> f.tool.production().create(f.clerk, 1, "demo"))
                .isInstanceOf(org.citycard.issuance.staff.AccessDeniedException.class);
    }
}
