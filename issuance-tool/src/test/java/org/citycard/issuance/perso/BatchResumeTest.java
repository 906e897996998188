package org.citycard.issuance.perso;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.citycard.applet.sim.SimulatedCard;
import org.citycard.applet.sim.SimulatedReader;
import org.citycard.cardlink.ApduTransport;
import org.citycard.cardlink.CardConnection;
import org.citycard.cardlink.CardLostException;
import org.citycard.cardlink.pcsc.Slot;
import org.citycard.cardlink.perso.CardCommands;
import org.citycard.dictionary.codec.Bcd;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.issuance.IssuanceTool;
import org.citycard.issuance.staff.Staff;
import org.citycard.issuance.store.Database;
import org.citycard.issuance.support.Fixture;
import org.citycard.issuance.support.Pipeline;
import org.citycard.issuance.support.RecordingRegistry;
import org.citycard.issuance.workflow.CardState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch of simulated cards (200 by default, {@code -Dcitycard.issuance.batch.cards=N}) interrupted twice: a card
 * torn in the middle of its personalisation (taken out of the reader), and later a card whose last answer is lost as
 * if the tool had crashed right after finishing it. Each time the tool is closed and opened again on the same data,
 * and the batch is resumed; at the end every card is personalised, each exactly once.
 */
class BatchResumeTest {
    static final int CARDS = Integer.getInteger("citycard.issuance.batch.cards", 200);

    @TempDir
    Path dir;

    /** Blank cards into one simulated reader; counts every successful END PERSONALIZATION per physical card. */
    static final class Feeder implements CardSource {
        final SimulatedReader reader = new SimulatedReader("resume-test");
        final byte[] tk;
        final Map<SimulatedCard, Integer> endPerso = new IdentityHashMap<>();
        final List<SimulatedCard> finished = new ArrayList<>();
        int presented;
        int tearAtCard = -1;
        int tearAtApdu = -1;
        int loseLastAnswerOfCard = -1;
        SimulatedCard torn;

        Feeder(byte[] tk) {
            this.tk = tk;
        }

        @Override
        public CardConnection present(String what) {
            if (reader.card().isEmpty()) {
                reader.insert(SimulatedCard.citizen(tk));
            }
            presented++;
            SimulatedCard card = reader.card().orElseThrow();
            CardConnection c = Slot.of(reader).connect();
            int number = presented;
            int[] apdu = {0};
            ApduTransport t = command -> {
                apdu[0]++;
                if (number == tearAtCard && apdu[0] == tearAtApdu) {
                    torn = reader.remove().orElseThrow(); // the card leaves the reader mid-personalisation
                }
                byte[] r = c.transport().transmit(command);
                boolean ok = r.length >= 2 && r[r.length - 2] == (byte) 0x90 && r[r.length - 1] == 0;
                if (ok && command[0] == (byte) 0x80 && command[1] == (byte) 0xE6) {
                    endPerso.merge(card, 1, Integer::sum);
                }
                if (number == loseLastAnswerOfCard && command[1] == (byte) 0x82 && command[3] == 0x07) {
                    throw new CardLostException("simulated crash: the answer to the last command is lost", null);
                }
                return r;
            };
            return new CardConnection() {
                @Override
                public ApduTransport transport() {
                    return t;
                }

                @Override
                public String reader() {
                    return c.reader();
                }

                @Override
                public void close() {
                    c.close();
                }
            };
        }

        @Override
        public void done(CardConnection connection, boolean ok) {
            connection.close();
            if (ok) {
                finished.add(reader.remove().orElseThrow());
            }
        }
    }

    @Test
    void interruptedBatch_isResumed_andEveryCardIsPersonalisedExactlyOnce() {
        Path data = dir.resolve("data");
        KeySet keys = KeySet.demo();
        RecordingRegistry server = new RecordingRegistry();
        Feeder feeder = new Feeder(keys.key("TK"));
        long batchId;
        Staff operator;
        int tornAt = CARDS / 2;
        int crashAt = CARDS * 3 / 4;
        try (Fixture f = new Fixture(data)) {
            operator = f.operator;
            Pipeline.verified(f, dir, 5000, CARDS);
            batchId = f.tool.production().create(operator, CARDS, "demo").id();
            feeder.tearAtCard = tornAt;
            feeder.tearAtApdu = 20; // among the purse's UPDATEs
            ProductionService.Summary first = f.tool.production()
                    .run(operator, batchId, keys, feeder, ProgressListener.quiet(), server, "990000000001");
            assertThat(first.stoppedBy()).contains("did not answer");
            assertThat(first.done()).isEqualTo(tornAt - 1);
        }
        assertThat(feeder.torn).isNotNull();
        assertThat(feeder.endPerso.get(feeder.torn))
                .as("the torn card never finished")
                .isNull();

        try (IssuanceTool tool = IssuanceTool.open(data, Fixture.BOOT_PASSWORD.clone())) { // started again
            operator = tool.staff().authenticate("op", Fixture.PASSWORD.clone()); // the operator logs in again
            feeder.reader.insert(feeder.torn); // the operator puts the torn card back
            feeder.loseLastAnswerOfCard = crashAt + 1; // counted in presentations: the torn card came twice
            ProductionService.Summary second = tool.production()
                    .run(operator, batchId, keys, feeder, ProgressListener.quiet(), server, "990000000001");
            assertThat(second.doneBefore()).isEqualTo(tornAt - 1);
            assertThat(second.stoppedBy()).contains("simulated crash");
            assertThat(second.done()).isEqualTo(crashAt - 1);
        }

        try (IssuanceTool tool = IssuanceTool.open(data, Fixture.BOOT_PASSWORD.clone())) {
            operator = tool.staff().authenticate("op", Fixture.PASSWORD.clone());
            ProductionService.Summary third = tool.production()
                    .run(operator, batchId, keys, feeder, ProgressListener.quiet(), server, "990000000001");
            assertThat(third.stoppedBy()).isNull();
            assertThat(third.verifiedExisting())
                    .as("the finished card found in the reader")
                    .isEqualTo(1);
            assertThat(third.complete()).isTrue();

            List<String> asns = tool.db()
                    .read(c -> Database.query(
                            c,
                            "SELECT c.asn FROM card c JOIN batch_item i ON i.card_id = c.id WHERE i.batch_id = ? AND i.status = 'DONE'"
                                    + " AND c.state = ?",
                            rs -> rs.getString(1),
                            batchId,
                            CardState.PERSONALISED.code()));
            assertThat(asns).hasSize(CARDS).doesNotHaveDuplicates();
            int attemptsOfTorn = tool.db().read(c -> Database.first(
                            c, "SELECT MAX(attempts) FROM batch_item WHERE batch_id = ?", rs -> rs.getInt(1), batchId)
                    .orElseThrow());
            assertThat(attemptsOfTorn).isEqualTo(2);
        }

        assertThat(feeder.finished).hasSize(CARDS);
        assertThat(feeder.presented).isEqualTo(CARDS + 2); // the torn and the "crashed" card were presented twice
        Set<String> cardAsns = new HashSet<>();
        for (SimulatedCard card : feeder.finished) {
            assertThat(feeder.endPerso.get(card))
                    .as("END PERSONALIZATION of purse and SSSE, once each")
                    .isEqualTo(2);
            byte[] fci = card.transmit(new CardCommands(org.citycard.dictionary.Dictionary.standard())
                    .select(org.citycard.dictionary.Dictionary.standard()
                            .application("purse")
                            .aidBytes())
                    .bytes());
            cardAsns.add(Bcd.decode(java.util.Arrays.copyOfRange(fci, fci.length - 22, fci.length - 12)));
        }
        assertThat(cardAsns).hasSize(CARDS);
        assertThat(server.cards).hasSize(CARDS);
        assertThat(server.calls.stream().filter(c -> c.startsWith("register")).count())
                .isEqualTo(CARDS);
    }
}
