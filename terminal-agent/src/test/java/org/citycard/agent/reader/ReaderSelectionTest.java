package org.citycard.cardlink.pcsc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.citycard.agent.purse.PurseTerminal;
import org.citycard.applet.sim.PsamProfile;
import org.citycard.applet.sim.SimPersonaliser;
import org.citycard.applet.sim.SimulatorRegistry;
import org.citycard.cardlink.CardLostException;
import org.junit.jupiter.api.Test;

/** Card reader and PSAM slot chosen by name, ATR or AID, on simulated readers behind javax.smartcardio. */
class ReaderSelectionTest {
    private final SimPersonaliser perso = SimPersonaliser.demo();

    private SimulatorRegistry registry() {
        SimulatorRegistry r = new SimulatorRegistry();
        r.addReader("Door reader");
        r.addReader("Slot B").insert(perso.newPsam(PsamProfile.demo("000000000777")));
        r.addReader("Desk reader");
        return r;
    }

    @Test
    void byDefault_thePsamIsTheCardAnsweringThePsamAid_andTheCardReaderTheFirstOther() {
        try (Readers readers = Readers.open(ReaderConfig.sim(), registry())) {
            assertThat(PurseTerminal.readTerminalId(readers.psam())).isEqualTo("000000000777");
            assertThat(readers.list())
                    .extracting(ReaderInfo::name, ReaderInfo::role)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("Door reader", "card"),
                            org.assertj.core.groups.Tuple.tuple("Slot B", "psam"),
                            org.assertj.core.groups.Tuple.tuple("Desk reader", ""));
        }
    }

    @Test
    void byName_andByAid() {
        ReaderConfig cfg = new ReaderConfig("sim", "desk", "aid:F04343534D303101", null);
        try (Readers readers = Readers.open(cfg, registry())) {
            assertThat(readers.list())
                    .filteredOn(r -> r.role().equals("card"))
                    .extracting(ReaderInfo::name)
                    .containsExactly("Desk reader");
            assertThat(PurseTerminal.readTerminalId(readers.psam())).isEqualTo("000000000777");
        }
    }

    @Test
    void byAtr() {
        String atr = "atr:"
                + perso.newPsam(PsamProfile.demo())
                        .toString()
                        .replaceAll(".*ATR ([0-9A-F]+).*", "$1")
                        .substring(0, 8);
        try (Readers readers = Readers.open(new ReaderConfig("sim", "door", atr, null), registry())) {
            assertThat(PurseTerminal.readTerminalId(readers.psam())).isEqualTo("000000000777");
        }
    }

    @Test
    void noPsam_saysWhatToCheck() {
        try (Readers readers = Readers.open(new ReaderConfig("sim", "", "nothing-like-this", null), registry())) {
            assertThatThrownBy(() -> PurseTerminal.readTerminalId(readers.psam()))
                    .isInstanceOf(CardLostException.class)
                    .hasMessageContaining("--psam-reader");
        }
    }

    @Test
    void unknownProvider_isRefusedWithTheChoices() {
        assertThatThrownBy(() -> new ReaderConfig("usb", "", "", null))
                .hasMessageContaining("pcsc (the default) or sim");
    }
}
