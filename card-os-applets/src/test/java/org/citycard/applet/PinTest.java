package org.citycard.applet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citycard.applet.CardFixture.PIN;
import static org.citycard.applet.CardFixture.apdu;
import static org.citycard.applet.CardFixture.concat;
import static org.citycard.applet.CardFixture.h;

import java.util.Arrays;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.crypto.CardCrypto;
import org.junit.jupiter.api.Test;

class PinTest {
    private static final int TRY_LIMIT =
            Dictionary.standard().parameter("pin_try_limit").asInt();

    @Test
    void verify_withTheRightPin_succeedsAndOpensTheHolderData() {
        CardFixture f = CardFixture.issued();
        f.selectPurse();
        assertThat(f.card("00B0960000").sw()).as("SFI 16 before VERIFY").isEqualTo(0x6982);

        assertThat(f.verifyPin(PIN).sw()).isEqualTo(0x9000);

        assertThat(f.card("00B0960000").sw()).isEqualTo(0x9000);
        assertThat(f.card("0020000000").sw()).as("status without data").isEqualTo(0x9000);
    }

    @Test
    void verify_wrongPin_countsDown_thenBlocksAfterExactlyTheLimit_andTheRightPinNeverComesBack() {
        CardFixture f = CardFixture.issued();
        f.selectPurse();

        for (int left = TRY_LIMIT - 1; left > 0; left--) {
            assertThat(f.verifyPin("000000").sw()).isEqualTo(0x63C0 | left);
        }
        assertThat(f.verifyPin("000000").sw()).as("the last try").isEqualTo(0x6983);

        assertThat(f.verifyPin(PIN).sw()).isEqualTo(0x6983);
        f.card.reset();
        f.selectSsse();
        assertThat(f.verifyPin(PIN).sw())
                .as("through the SSSE, after a power cycle")
                .isEqualTo(0x6983);
        assertThat(f.card("0020000000").sw()).isEqualTo(0x6983);
    }

    @Test
    void verify_aRightPinBeforeTheLimit_givesAllTriesBack() {
        CardFixture f = CardFixture.issued();
        f.selectPurse();
        f.verifyPin("000000");
        f.verifyPin("000000");

        assertThat(f.verifyPin(PIN).sw()).isEqualTo(0x9000);

        f.card.reset();
        f.selectPurse();
        assertThat(f.card("0020000000").sw()).isEqualTo(0x63C0 | TRY_LIMIT);
    }

    @Test
    void verify_malformedPins_areRefusedWithoutCostingATry() {
        CardFixture f = CardFixture.issued();
        f.selectPurse();

        assertThat(f.card("0020000001 12").sw()).isEqualTo(0x6700);
        assertThat(f.card("0020000007 12345612345612").sw()).isEqualTo(0x6700);
        assertThat(f.card("0020000003 12A456").sw()).isEqualTo(0x6A80);
        assertThat(f.card("0020000000").sw()).isEqualTo(0x63C0 | TRY_LIMIT);
    }

    @Test
    void pin_isOneForTheCard_verifiedOnTheSsse_itOpensThePurseHolderData_untilPowerOff() {
        CardFixture f = CardFixture.issued();
        f.selectSsse();
        assertThat(f.verifyPin(PIN).sw()).isEqualTo(0x9000);

        f.selectPurse();
        assertThat(f.card("00B0960000").sw()).isEqualTo(0x9000);
        f.card.reset();
        f.selectPurse();
        assertThat(f.card("00B0960000").sw()).isEqualTo(0x6982);
    }

    @Test
    void changePin_withTheOldPin_setsTheNewOne() {
        CardFixture f = CardFixture.issued();
        f.selectPurse();

        Response change = f.card(apdu(0x80, 0x5E, 0x01, 0x00, concat(h("123456"), h("FF"), h("2468")), -1));

        assertThat(change.sw()).isEqualTo(0x9000);
        assertThat(f.verifyPin(PIN).sw()).isEqualTo(0x63C0 | (TRY_LIMIT - 1));
        assertThat(f.verifyPin("2468").sw()).isEqualTo(0x9000);
    }

    @Test
    void changePin_withAWrongOldPin_countsAsAFailedVerify() {
        CardFixture f = CardFixture.issued();
        f.selectPurse();

        Response change = f.card(apdu(0x80, 0x5E, 0x01, 0x00, concat(h("111111"), h("FF"), h("2468")), -1));

        assertThat(change.sw()).isEqualTo(0x63C0 | (TRY_LIMIT - 1));
        assertThat(f.verifyPin(PIN).sw()).isEqualTo(0x9000);
        assertThat(f.card(apdu(0x80, 0x5E, 0x01, 0x00, concat(h("123456"), h("2468")), -1))
                        .sw())
                .as("no separator")
                .isEqualTo(0x6700);
        assertThat(f.card(apdu(0x80, 0x5E, 0x01, 0x00, concat(h("123456"), h("FF"), h("24A8")), -1))
                        .sw())
                .isEqualTo(0x6A80);
    }

    @Test
    void reloadPin_withTheDrpkMac_setsThePinAndGivesTheTriesBack() {
        CardFixture f = CardFixture.issued();
        f.selectPurse();
        for (int i = 0; i < TRY_LIMIT; i++) {
            f.verifyPin("000000");
        }
        byte[] newPin = CardCrypto.pinBcd("8888");
        byte[] challenge = f.challenge(4);
        byte[] mac = f.crypto.mac(f.key("MRPK"), Arrays.copyOf(challenge, 8), newPin);

        assertThat(f.card(apdu(0x80, 0x5E, 0x00, 0x00, concat(newPin, mac), -1)).sw())
                .isEqualTo(0x9000);

        assertThat(f.verifyPin("8888").sw()).isEqualTo(0x9000);
    }

    @Test
    void reloadPin_withAWrongMacOrNoChallenge_isRefused() {
        CardFixture f = CardFixture.issued();
        f.selectPurse();
        byte[] newPin = CardCrypto.pinBcd("8888");

        assertThat(f.card(apdu(0x80, 0x5E, 0x00, 0x00, concat(newPin, h("00000000")), -1))
                        .sw())
                .as("no challenge")
                .isEqualTo(0x6985);
        f.challenge(4);
        assertThat(f.card(apdu(0x80, 0x5E, 0x00, 0x00, concat(newPin, h("00000000")), -1))
                        .sw())
                .isEqualTo(0x9302);
        assertThat(f.verifyPin(PIN).sw()).isEqualTo(0x9000);
    }

    @Test
    void pinUnblock_withTheDpukBlockAndMac_unblocksWithTheNewPin() {
        CardFixture f = CardFixture.issued();
        f.selectPurse();
        for (int i = 0; i < TRY_LIMIT; i++) {
            f.verifyPin("000000");
        }
        byte[] dpuk = f.key("MPUK");
        byte[] block = f.crypto.encryptEcb(dpuk, CardCrypto.pinBlock("13579"));

        Response unblock = f.cardSecureMessaging(0x84, 0x24, 0x00, 0x00, block, dpuk);

        assertThat(unblock.sw()).isEqualTo(0x9000);
        assertThat(f.verifyPin("13579").sw()).isEqualTo(0x9000);
    }

    @Test
    void pinUnblock_withAWrongMac_keepsThePinBlocked() {
        CardFixture f = CardFixture.issued();
        f.selectPurse();
        for (int i = 0; i < TRY_LIMIT; i++) {
            f.verifyPin("000000");
        }
        byte[] block = f.crypto.encryptEcb(f.key("MPUK"), CardCrypto.pinBlock("13579"));

        assertThat(f.cardSecureMessaging(0x84, 0x24, 0x00, 0x00, block, f.key("MRPK"))
                        .sw())
                .isEqualTo(0x9302);

        assertThat(f.verifyPin("13579").sw()).isEqualTo(0x6983);
    }
}
