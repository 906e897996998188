package org.citycard.applet.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardNotPresentException;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.CommandAPDU;
import org.citycard.applet.CardConstants;
import org.junit.jupiter.api.Test;

class SimulatedReaderTest {
    private static final CommandAPDU SELECT_PSAM = new CommandAPDU(0x00, 0xA4, 0x04, 0x00, CardConstants.AID_PSAM, 256);

    @Test
    void connect_withoutCard_throwsCardNotPresent() {
        SimulatedReader reader = new SimulatedReader("empty");

        assertThat(reader.isCardPresent()).isFalse();
        assertThatThrownBy(() -> reader.connect("*")).isInstanceOf(CardNotPresentException.class);
    }

    @Test
    void insertedCard_answersOverTheBasicChannel() throws Exception {
        SimulatedReader reader = new SimulatedReader("r");
        reader.insert(SimulatedCard.psam());

        Card card = reader.connect("T=1");

        assertThat(card.getProtocol()).isEqualTo("T=1");
        assertThat(card.getATR().getBytes()).isNotEmpty();
        assertThat(card.getBasicChannel().transmit(SELECT_PSAM).getSW()).isEqualTo(0x9000);
        assertThat(reader.connect("*")).isSameAs(card);
    }

    @Test
    void removedCard_failsTheOpenChannel() throws Exception {
        SimulatedReader reader = new SimulatedReader("r");
        reader.insert(SimulatedCard.psam());
        CardChannel channel = reader.connect("*").getBasicChannel();

        assertThat(reader.remove()).isPresent();

        assertThatThrownBy(() -> channel.transmit(SELECT_PSAM)).isInstanceOf(CardNotPresentException.class);
        assertThat(reader.remove()).isEmpty();
    }

    @Test
    void insert_intoAnOccupiedReader_isRefused() {
        SimulatedReader reader = new SimulatedReader("r");
        reader.insert(SimulatedCard.psam());

        assertThatThrownBy(() -> reader.insert(SimulatedCard.psam()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("remove it first");
    }

    @Test
    void waitForCardPresent_returnsWhenAnotherThreadInsertsACard() throws Exception {
        SimulatedReader reader = new SimulatedReader("r");
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return reader.waitForCardPresent(10_000);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        Thread.sleep(50);
        reader.insert(SimulatedCard.psam());

        assertThat(waiting.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void waitForCardAbsent_returnsWhenTheCardIsRemoved_andTimesOutOtherwise() throws Exception {
        SimulatedReader reader = new SimulatedReader("r");
        reader.insert(SimulatedCard.psam());

        assertThat(reader.waitForCardAbsent(20)).isFalse();
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return reader.waitForCardAbsent(0);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        reader.remove();

        assertThat(waiting.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(reader.waitForCardPresent(20)).isFalse();
    }

    @Test
    void disconnectWithReset_losesTheSelection() throws Exception {
        SimulatedReader reader = new SimulatedReader("r");
        reader.insert(SimulatedCard.psam());
        Card card = reader.connect("*");
        card.getBasicChannel().transmit(SELECT_PSAM);

        card.disconnect(true);

        CardChannel again = reader.connect("*").getBasicChannel();
        // no application selected after the power cycle: a PSAM command finds nobody to answer it
        assertThat(again.transmit(new CommandAPDU(0x80, 0x72, 0x00, 0x00, new byte[4]))
                        .getSW())
                .isNotEqualTo(0x9000);
    }

    @Test
    void terminals_waitForChange_reportsInsertionAndRemoval() throws Exception {
        SimulatorRegistry registry = new SimulatorRegistry();
        SimulatedReader reader = registry.addReader("r");
        CardTerminals terminals = registry.terminals();

        assertThat(terminals.waitForChange(20)).isFalse();
        reader.insert(SimulatedCard.psam());
        assertThat(terminals.waitForChange(1_000)).isTrue();
        assertThat(terminals.list(CardTerminals.State.CARD_INSERTION)).containsExactly(reader);
        reader.remove();
        assertThat(terminals.waitForChange(1_000)).isTrue();
        assertThat(terminals.list(CardTerminals.State.CARD_REMOVAL)).containsExactly(reader);
        assertThat(terminals.list(CardTerminals.State.CARD_ABSENT)).containsExactly(reader);
    }
}
