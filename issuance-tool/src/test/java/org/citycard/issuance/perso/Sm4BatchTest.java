package org.citycard.issuance.perso;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import org.citycard.applet.sim.SimulatedCard;
import org.citycard.cardlink.perso.CardCommands;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.issuance.perso.source.SimulatorCardSource;
import org.citycard.issuance.support.Fixture;
import org.citycard.issuance.support.Pipeline;
import org.citycard.issuance.support.RecordingRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A city issues 3DES and SM4 cards batch by batch (issue 16): the batch's algorithm is kept, its cards get keys of
 * that algorithm only (the real applets in jCardSim answer INITIALIZE with alg 04 and a MAC1 under the SM4 DLK of
 * the demo SM4 MLK), and the server is told each card's algorithm.
 */
class Sm4BatchTest {
    static final byte[] TERMINAL = HexFormat.of().parseHex("310100000042");

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
    void anSm4Batch_makesSm4Cards_andReportsTheirAlgorithm_besideA3desBatch() {
        KeySet demo = f.tool.keyStores().open(f.operator, "demo", null);
        Pipeline.verified(f, dir, 100, 2);
        ProductionService.Batch tdes = f.tool.production().create(f.operator, 1, "demo");
        ProductionService.Batch sm4 = f.tool.production().create(f.operator, 1, "demo", Algorithm.SM4);
        assertThat(tdes.algorithm()).isEqualTo(Algorithm.TDES);
        assertThat(f.tool.production().batch(sm4.id()).orElseThrow().algorithm())
                .isEqualTo(Algorithm.SM4);

        for (ProductionService.Batch b : new ProductionService.Batch[] {tdes, sm4}) {
            SimulatorCardSource cards =
                    SimulatorCardSource.citizenCards("sm4-batch-" + System.nanoTime(), demo.key("TK"));
            ProductionService.Summary s = f.tool.production()
                    .run(f.operator, b.id(), demo, cards, ProgressListener.quiet(), server, "990000000001");
            assertThat(s.stoppedBy()).isNull();
            SimulatedCard card = (SimulatedCard) cards.finished().get(0);
            String asn = server.reports.keySet().stream()
                    .filter(a -> server.reports.get(a).algorithm() == b.algorithm())
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no card reported with " + b.algorithm()));
            byte[] answer = initializeForLoad(card, 1);
            assertThat(answer[7])
                    .as("INITIALIZE FOR LOAD alg")
                    .isEqualTo(b.algorithm().id());
            CardCrypto crypto = CardCrypto.of(b.algorithm());
            byte[] dlk = crypto.cardKey(demo.key("MLK", b.algorithm()), asn);
            byte[] seslk =
                    crypto.loadSessionKey(dlk, Arrays.copyOfRange(answer, 8, 12), Arrays.copyOfRange(answer, 4, 6));
            byte[] mac1 = crypto.loadMac1(seslk, Arrays.copyOfRange(answer, 0, 4), amount(1), TERMINAL);
            assertThat(Arrays.copyOfRange(answer, 12, 16))
                    .as("MAC1 under the " + b.algorithm() + " DLK")
                    .isEqualTo(mac1);
        }
        assertThat(server.reports.values())
                .extracting(r -> r.algorithm())
                .containsExactlyInAnyOrder(Algorithm.TDES, Algorithm.SM4);
    }

    private static byte[] initializeForLoad(SimulatedCard card, long fen) {
        Dictionary dict = Dictionary.standard();
        byte[] r = card.transmit(new CardCommands(dict)
                .select(dict.application("purse").aidBytes())
                .bytes());
        assertThat(r[r.length - 2]).isEqualTo((byte) 0x90);
        byte[] cmd = new byte[5 + 11 + 1];
        cmd[0] = (byte) 0x80;
        cmd[1] = 0x50;
        cmd[2] = 0x00;
        cmd[3] = 0x02;
        cmd[4] = 0x0B;
        cmd[5] = 0x01;
        System.arraycopy(amount(fen), 0, cmd, 6, 4);
        System.arraycopy(TERMINAL, 0, cmd, 10, 6);
        cmd[16] = 0x10;
        byte[] a = card.transmit(cmd);
        assertThat(a).as("INITIALIZE FOR LOAD answer").hasSize(18);
        assertThat(a[16]).isEqualTo((byte) 0x90);
        return Arrays.copyOf(a, 16);
    }

    private static byte[] amount(long fen) {
        return new byte[] {(byte) (fen >>> 24), (byte) (fen >>> 16), (byte) (fen >>> 8), (byte) fen};
    }
}
