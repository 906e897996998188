package org.citycard.applet.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SimulatedCardTest {
    private static byte[] h(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    @Test
    void transmit_aCommandWhoseLcDoesNotMatch_answers6700() {
        SimulatedCard card = SimulatedCard.psam();

        assertThat(card.transmit(h("00A4040008 F04343534D3031"))).containsExactly(0x67, 0x00);
        assertThat(card.transmit(h("00A4040000 0102"))).as("extended length").containsExactly(0x67, 0x00);
        assertThat(card.transmit(h("00A4040008 F04343534D303101 00"))).endsWith(0x90, 0x00);
        assertThatThrownBy(() -> card.transmit(h("00A4"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reset_isAPowerCycle_ramStateGoesPersistentStateStays() {
        SimPersonaliser perso = SimPersonaliser.demo();
        SimulatedCard card = perso.newCitizenCard(CitizenProfile.demo());
        perso.load(card, CitizenProfile.DEMO_ASN, 700, PsamProfile.DEMO_TERMINAL_ID);
        card.transmit(h("00A4040008 F043434550303101 00"));
        assertThat(card.transmit(h("0020000003 123456"))).containsExactly(0x90, 0x00);

        card.reset();

        assertThat(card.transmit(h("805C000204")))
                .as("nothing selected")
                .hasSize(2)
                .isNotEqualTo(new byte[] {(byte) 0x90, 0x00});
        card.transmit(h("00A4040008 F043434550303101 00"));
        assertThat(card.transmit(h("0020000000"))).as("PIN no longer verified").containsExactly(0x63, 0xC3);
        assertThat(card.transmit(h("805C000204"))).containsExactly(0x00, 0x00, 0x02, 0xBC, 0x90, 0x00);
    }

    @Test
    void cards_areIndependent() {
        SimPersonaliser perso = SimPersonaliser.demo();
        SimulatedCard a = perso.newCitizenCard(CitizenProfile.demo());
        SimulatedCard b = perso.newCitizenCard(CitizenProfile.demo("31000000000000099999"));

        perso.load(a, CitizenProfile.DEMO_ASN, 100, PsamProfile.DEMO_TERMINAL_ID);

        b.transmit(h("00A4040008 F043434550303101 00"));
        assertThat(b.transmit(h("805C000204"))).containsExactly(0, 0, 0, 0, 0x90, 0x00);
        assertThat(perso.load(b, "31000000000000099999", 50, PsamProfile.DEMO_TERMINAL_ID))
                .isEqualTo(50);
    }
}
