package org.citycard.applet.tearing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.citycard.applet.tearing.TearableCard.Installation;
import org.citycard.applet.tearing.probe.OwnerPinApplet;
import org.citycard.applet.tearing.probe.ProbeApplet;
import org.citycard.applet.tearing.probe.RandomIntoEepromApplet;
import org.junit.jupiter.api.Test;

/** The memory model itself, rule by rule, on a probe applet: what a tear, an abort and a power cycle leave. */
class CardMemoryTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final byte[] AID_A = HEX.parseHex("F0000000AA01");
    private static final byte[] AID_B = HEX.parseHex("F0000000AA02");
    private static final InstrumentedApplets PROBES =
            InstrumentedApplets.of(List.of(ProbeApplet.class.getPackageName()));
    private static final byte[] NEW_DATA = HEX.parseHex("0102030405060708");

    private final TearableCard card = TearableCard.of(
            PROBES,
            "probe",
            Installation.globalPlatform(AID_A, ProbeApplet.class.getName(), null),
            Installation.globalPlatform(AID_B, ProbeApplet.class.getName(), null));

    private int send(int ins, int p1, int p2, byte[] data) {
        byte[] head = {(byte) 0x80, (byte) ins, (byte) p1, (byte) p2};
        byte[] command = data == null ? head : concat(head, new byte[] {(byte) data.length}, data);
        byte[] r = card.transmit(command);
        return (r[r.length - 2] & 0xFF) << 8 | r[r.length - 1] & 0xFF;
    }

    private void select(byte[] aid) {
        byte[] r = card.transmit(concat(HEX.parseHex("00A40400"), new byte[] {(byte) aid.length}, aid));
        assertThat(r).endsWith(0x90, 0x00);
    }

    /** data(8) ‖ value(2) ‖ reset RAM(8) ‖ deselect RAM(8). */
    private byte[] read() {
        byte[] r = card.transmit(HEX.parseHex("80500000"));
        return Arrays.copyOf(r, r.length - 2);
    }

    private static byte[] concat(byte[]... parts) {
        return org.citycard.dictionary.crypto.CardCrypto.concat(parts);
    }

    @Test
    void committedWrites_surviveAPowerCycle_andUncommittedOnesAreUndone() {
        select(AID_A);
        card.startCounting();
        assertThat(send(ProbeApplet.INS_TRANSACTION, 0x11, 0, null)).isEqualTo(0x9000);
        assertThat(card.writes()).as("data[0], value, the commit record").isEqualTo(3);
        for (int p2 = 1; p2 <= 3; p2++) { // abort, exception escaping process(), returned with it open
            send(ProbeApplet.INS_TRANSACTION, 0x22, p2, null);
            assertThat(card.memory().inTransaction()).isFalse();
        }
        card.powerCycle();
        select(AID_A);

        assertThat(read()).startsWith(0x11, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x11);
    }

    @Test
    void aTearInsideATransaction_atAnyWrite_leavesTheOldState() {
        select(AID_A);
        for (int k = 1; k <= 3; k++) {
            card.armTear(k);
            assertThatThrownBy(() -> send(ProbeApplet.INS_TRANSACTION, 0x33, 0, null))
                    .isInstanceOf(CardTornException.class)
                    .hasMessageContaining("write " + k);
            assertThatThrownBy(() -> send(ProbeApplet.INS_READ, 0, 0, null))
                    .as("no answer without power")
                    .isInstanceOf(CardTornException.class);
            card.powerCycle();
            select(AID_A);
            assertThat(read()).as("torn at write " + k).startsWith(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
    }

    @Test
    void writesOutsideATransaction_landOneByOne() {
        select(AID_A);
        card.armTear(2);
        assertThatThrownBy(() -> send(ProbeApplet.INS_PLAIN, 0x44, 0, null)).isInstanceOf(CardTornException.class);
        card.powerCycle();
        select(AID_A);

        assertThat(read()).as("data[0] landed, value did not").startsWith(0x44, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void arrayCopy_isAllOrNothing_arrayCopyNonAtomic_leavesThePrefix() {
        select(AID_A);
        card.startCounting();
        send(ProbeApplet.INS_COPY, 0, 0, NEW_DATA);
        assertThat(card.writes()).as("Util.arrayCopy is one write").isEqualTo(1);
        card.checkpoint();
        select(AID_A);
        send(ProbeApplet.INS_COPY, 0, 0, new byte[8]); // back to zeros, then tear the atomic copy
        card.armTear(1);
        assertThatThrownBy(() -> send(ProbeApplet.INS_COPY, 0, 0, NEW_DATA)).isInstanceOf(CardTornException.class);
        card.powerCycle();
        select(AID_A);
        assertThat(Arrays.copyOf(read(), 8)).as("all or nothing").isEqualTo(new byte[8]);

        for (int k = 1; k <= 8; k++) {
            card.restore();
            select(AID_A);
            send(ProbeApplet.INS_COPY, 0, 0, new byte[8]);
            card.armTear(k);
            assertThatThrownBy(() -> send(ProbeApplet.INS_COPY_NON_ATOMIC, 0, 0, NEW_DATA))
                    .isInstanceOf(CardTornException.class);
            card.powerCycle();
            select(AID_A);
            byte[] expected = new byte[8];
            System.arraycopy(NEW_DATA, 0, expected, 0, k - 1);
            assertThat(Arrays.copyOf(read(), 8)).as("torn at byte " + k).isEqualTo(expected);
        }
        card.release();
    }

    @Test
    void nonAtomicWrites_areNotRolledBackByAnAbort_andSetShortIsOneWrite() {
        select(AID_A);
        card.startCounting();
        send(ProbeApplet.INS_FILL_NON_ATOMIC_THEN_ABORT, 0x55, 0, null);

        assertThat(card.writes()).as("data[0] and 7 non-atomic bytes").isEqualTo(8);
        assertThat(read()).startsWith(0, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55);

        card.startCounting();
        send(ProbeApplet.INS_SET_SHORT, 0x12, 0x34, null);
        assertThat(card.writes()).isEqualTo(1);
        assertThat(read()).startsWith(0x12, 0x34);
    }

    @Test
    void transientArrays_clearAsTheirEventSays_andRamWritesAreNotCounted() {
        select(AID_A);
        card.startCounting();
        send(ProbeApplet.INS_FILL_RAM, 0x66, 0, null);
        read();
        assertThat(card.writes())
                .as("RAM and the APDU buffer are not persistent")
                .isZero();

        select(AID_B);
        select(AID_A);
        byte[] afterDeselect = read();
        assertThat(Arrays.copyOfRange(afterDeselect, 10, 18))
                .as("CLEAR_ON_RESET")
                .containsOnly(0x66);
        assertThat(Arrays.copyOfRange(afterDeselect, 18, 26))
                .as("CLEAR_ON_DESELECT")
                .containsOnly(0);

        send(ProbeApplet.INS_FILL_RAM, 0x66, 0, null);
        card.powerCycle();
        select(AID_A);
        assertThat(Arrays.copyOfRange(read(), 10, 26)).as("both, at power-up").containsOnly(0);
    }

    @Test
    void restore_bringsTheCheckpointBack_asOftenAsAsked() {
        select(AID_A);
        send(ProbeApplet.INS_TRANSACTION, 0x01, 0, null);
        card.checkpoint();
        for (int round = 0; round < 3; round++) {
            select(AID_A);
            send(ProbeApplet.INS_COPY_NON_ATOMIC, 0, 0, NEW_DATA);
            send(ProbeApplet.INS_PLAIN, 0x77, 0, null);
            card.armTear(1);
            assertThatThrownBy(() -> send(ProbeApplet.INS_PLAIN, 0x78, 0, null)).isInstanceOf(CardTornException.class);
            card.restore();
            select(AID_A);
            assertThat(read()).startsWith(0x01, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x01);
        }
        card.release();
    }

    @Test
    void aPersistentWriteTheModelCannotSee_failsTheCommandLoudly() {
        byte[] aid = HEX.parseHex("F0000000AA03");
        TearableCard eeprom = TearableCard.of(
                PROBES, "probe", Installation.globalPlatform(aid, RandomIntoEepromApplet.class.getName(), null));
        eeprom.transmit(concat(HEX.parseHex("00A40400"), new byte[] {(byte) aid.length}, aid));

        assertThatThrownBy(() -> eeprom.transmit(HEX.parseHex("80600000")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("RandomData.nextBytes writes its output into a persistent byte[8]");
    }

    @Test
    void ownerPin_isRefusedWhenItsClassLoads() {
        assertThatThrownBy(() -> PROBES.appletClass(OwnerPinApplet.class.getName()))
                .hasStackTraceContaining("javacard/framework/OwnerPIN.check")
                .hasStackTraceContaining("cannot journal");
    }
}
