package org.citycard.applet.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.util.HexFormat;
import java.util.List;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import javax.smartcardio.TerminalFactory;
import org.citycard.applet.CardConstants;
import org.junit.jupiter.api.Test;

class SimulatorProviderTest {
    private static Provider loadByName() throws ReflectiveOperationException {
        // as the other modules do it: no compile-time dependency on this one
        return (Provider) Class.forName("org.citycard.applet.sim.SimulatorProvider")
                .getDeclaredConstructor()
                .newInstance();
    }

    @Test
    void terminalFactory_withDemoParameters_listsAPersonalisedCardAndAPsam() throws Exception {
        TerminalFactory factory = TerminalFactory.getInstance("CityCardSim", "demo", loadByName());

        List<CardTerminal> readers = factory.terminals().list();

        assertThat(readers)
                .extracting(CardTerminal::getName)
                .containsExactly(SimulatorRegistry.DEMO_CARD_READER, SimulatorRegistry.DEMO_PSAM_READER);
        CardTerminal reader = readers.get(0);
        var channel = reader.connect("*").getBasicChannel();
        ResponseAPDU select = channel.transmit(new CommandAPDU(0x00, 0xA4, 0x04, 0x00, CardConstants.AID_SSSE, 256));
        assertThat(select.getSW()).isEqualTo(0x9000);
        ResponseAPDU cardNumber =
                channel.transmit(new CommandAPDU(HexFormat.of().parseHex("00B2072C00")));
        assertThat(cardNumber.getSW()).isEqualTo(0x9000);
        assertThat(cardNumber.getData()[0]).isEqualTo(CardConstants.REC_SSSE_CARD_NUMBER);
    }

    @Test
    void terminalFactory_withNullParameters_listsTheGlobalRegistry() throws Exception {
        SimulatedReader reader = SimulatorRegistry.global().addReader("provider-test-reader");
        try {
            CardTerminals terminals = TerminalFactory.getInstance(SimulatorProvider.TYPE, null, loadByName())
                    .terminals();

            assertThat(terminals.list()).contains(reader);
            assertThat(terminals.list(CardTerminals.State.CARD_PRESENT)).doesNotContain(reader);
            reader.insert(SimulatedCard.psam());
            assertThat(terminals.list(CardTerminals.State.CARD_PRESENT)).contains(reader);
        } finally {
            SimulatorRegistry.global().remove(reader);
        }
    }

    @Test
    void terminalFactory_withUnknownParameters_isRefusedWithTheAcceptedForms() {
        assertThatThrownBy(() -> TerminalFactory.getInstance(SimulatorProvider.TYPE, 42, new SimulatorProvider()))
                .isInstanceOf(NoSuchAlgorithmException.class)
                .hasStackTraceContaining("demo");
    }
}
