package org.citycard.applet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.citycard.applet.CardFixture.apdu;
import static org.citycard.applet.CardFixture.concat;
import static org.citycard.applet.CardFixture.h;

import java.util.List;
import org.citycard.applet.sim.CitizenProfile;
import org.citycard.applet.sim.PsamProfile;
import org.citycard.applet.sim.SimPersonaliser;
import org.citycard.applet.sim.SimulatedCard;
import org.citycard.dictionary.crypto.KeySet;
import org.junit.jupiter.api.Test;

class PersonalisationTest {
    private static final byte[] DEMO_TK = CardConstants.DEMO_TRANSPORT_KEY;

    private static Response authenticate(CardFixture f, boolean psam, byte[] tk) {
        Response challenge = psam ? f.psam(apdu(0x00, 0x84, 0, 0, null, 8)) : f.card(apdu(0x00, 0x84, 0, 0, null, 8));
        byte[] cryptogram = f.crypto.externalAuthenticate(tk, challenge.data());
        byte[] command = apdu(0x00, 0x82, 0x00, 0x00, cryptogram, -1);
        return psam ? f.psam(command) : f.card(command);
    }

    /** The perso commands of the applet in the card; all must answer {@code sw}. */
    private static void assertPersoLocked(CardFixture f, boolean psam, int sw) {
        List<byte[]> commands = List.of(
                concat(h("0082000008"), new byte[8]),
                concat(h("80D4000112 0100"), new byte[16]),
                concat(h("80D4001009 03"), new byte[8]),
                concat(h("00D6950001"), h("00")),
                concat(h("00DC012C03"), h("010100")),
                h("80E60000"));
        for (byte[] c : commands) {
            if (psam && c[1] == (byte) 0xDC) {
                continue; // the PSAM has no record files: UPDATE RECORD is not one of its commands
            }
            Response r = psam ? f.psam(c) : f.card(c);
            assertThat(r.sw()).as("%s", CardFixture.HEX.formatHex(c)).isEqualTo(sw);
        }
    }

    @Test
    void blankApplets_areInPersonalization_andRefuseMoneyCommands() {
        CardFixture f = CardFixture.blank();
        f.selectPurse();

        assertThat(f.card("805C000204").sw()).isEqualTo(0x6985);
        assertThat(f.card(apdu(
                                0x80,
                                0x50,
                                0x01,
                                0x02,
                                concat(h("01"), CardFixture.amount(1), CardFixture.TERMINAL_BCD),
                                15))
                        .sw())
                .isEqualTo(0x6985);
        assertThat(f.verifyPin("123456").sw()).as("no PIN yet").isEqualTo(0x6985);
    }

    @Test
    void persoCommands_beforeExternalAuthenticate_answer6982() {
        CardFixture f = CardFixture.blank();
        f.selectPurse();

        assertThat(f.card(concat(h("80D4000112 0100"), new byte[16])).sw()).isEqualTo(0x6982);
        assertThat(f.card("00D6950001 00").sw()).isEqualTo(0x6982);
        assertThat(f.card("80E60000").sw()).isEqualTo(0x6982);
    }

    @Test
    void externalAuthenticate_withAnotherTransportKey_isRefused() {
        CardFixture f = CardFixture.blank();
        f.selectPurse();

        assertThat(authenticate(f, false, h("000102030405060708090A0B0C0D0E0F")).sw())
                .isEqualTo(0x6982);
        assertThat(authenticate(f, false, DEMO_TK).sw()).isEqualTo(0x9000);
        assertThat(f.card("0082000008 0000000000000000").sw())
                .as("no fresh challenge")
                .isEqualTo(0x6985);
    }

    @Test
    void installParameters_carryTheTransportKey() {
        byte[] tk = h("000102030405060708090A0B0C0D0E0F");
        SimulatedCard card = SimulatedCard.citizen(tk);

        assertThatThrownBy(() -> SimPersonaliser.demo().personaliseCitizen(card, CitizenProfile.demo()))
                .isInstanceOf(SimPersonaliser.PersonalisationException.class)
                .hasMessageContaining("EXTERNAL AUTHENTICATE with the transport key: card answered 6982");
        SimulatedCard other = SimulatedCard.citizen(tk);
        new SimPersonaliser(KeySet.demo(), tk).personaliseCitizen(other, CitizenProfile.demo());
        assertThat(Response.of(other.transmit(apdu(0, 0xA4, 4, 0, CardConstants.AID_PURSE, 0)))
                        .sw())
                .isEqualTo(0x9000);
    }

    @Test
    void endPersonalization_whileKeysOrFilesAreMissing_isRefused() {
        CardFixture f = CardFixture.blank();
        f.selectPurse();
        authenticate(f, false, DEMO_TK);

        assertThat(f.card("80E60000").sw()).isEqualTo(0x6985);
        f.selectSsse();
        authenticate(f, false, DEMO_TK);
        assertThat(f.card("80E60000").sw()).isEqualTo(0x6985);
        f.selectPsam();
        authenticate(f, true, DEMO_TK);
        assertThat(f.psam("80E60000").sw()).isEqualTo(0x6985);
        assertThat(f.psam(concat(h("00D6960006"), h("123456789012"))).sw()).isEqualTo(0x9000);
        assertThat(f.psam("80E60000").sw()).as("keys still missing").isEqualTo(0x6985);
    }

    @Test
    void putKey_refusesUnknownKeysAlgorithmsAndLengths() {
        CardFixture f = CardFixture.blank();
        f.selectPurse();
        authenticate(f, false, DEMO_TK);

        assertThat(f.card(concat(h("80D4000912 0100"), new byte[16])).sw())
                .as("key ID 09")
                .isEqualTo(0x6B00);
        assertThat(f.card(concat(h("80D4000112 0102"), new byte[16])).sw())
                .as("algorithm 02, not in the code table")
                .isEqualTo(0x6A80);
        assertThat(f.card(concat(h("80D4000111 0100"), new byte[15])).sw()).isEqualTo(0x6700);
        assertThat(f.card(concat(h("80D4010112 0100"), new byte[16])).sw()).isEqualTo(0x6B00);
        byte[] badPinBlock = f.crypto.encryptEcb(DEMO_TK, h("0712345680000000"));
        assertThat(f.card(concat(h("80D4001009 03"), badPinBlock)).sw()).isEqualTo(0x6A80);
        f.selectSsse();
        authenticate(f, false, DEMO_TK);
        assertThat(f.card(concat(h("80D4000112 0100"), new byte[16])).sw())
                .as("the SSSE has no DPK")
                .isEqualTo(0x6B00);
    }

    @Test
    void persoLock_afterEndPersonalization_inEveryState() {
        CardFixture f = CardFixture.issued();

        f.selectPurse();
        assertPersoLocked(f, false, 0x6985);
        f.selectSsse();
        assertPersoLocked(f, false, 0x6985);
        f.selectPsam();
        assertPersoLocked(f, true, 0x6985);

        // application blocked
        f.selectPurse();
        assertThat(f.cardSecureMessaging(0x84, 0x1E, 0, 0, new byte[0], f.key("MAMK"))
                        .sw())
                .isEqualTo(0x9000);
        assertThat(f.selectPurse().sw()).isEqualTo(0x6283);
        assertPersoLocked(f, false, 0x6985);
        f.selectSsse();
        assertPersoLocked(f, false, 0x6985);

        // card blocked: nothing answers but 6A81
        f.selectPurse();
        assertThat(f.cardSecureMessaging(0x84, 0x18, 0, 0, new byte[0], f.key("MAMK"))
                        .sw())
                .isEqualTo(0x9000);
        assertThat(f.cardSecureMessaging(0x84, 0x16, 0, 0, new byte[0], f.key("MAMK"))
                        .sw())
                .isEqualTo(0x9000);
        f.selectPurse();
        assertPersoLocked(f, false, 0x6A81);
        f.selectSsse();
        assertPersoLocked(f, false, 0x6A81);
    }

    @Test
    void personaliser_refusesProfilesThatBreakTheDictionary() {
        assertThatThrownBy(() -> CitizenProfile.demo("123"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("asn");
        assertThatThrownBy(() -> CitizenProfile.demo().withPin("97"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pin")
                .hasMessageNotContaining("97");
        assertThatThrownBy(() -> PsamProfile.demo("12345"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("terminal_id");
        assertThat(CitizenProfile.demo().toString()).doesNotContain("123456");
    }
}
