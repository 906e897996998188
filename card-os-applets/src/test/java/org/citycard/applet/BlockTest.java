package org.citycard.applet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citycard.applet.CardFixture.apdu;
import static org.citycard.applet.CardFixture.concat;
import static org.citycard.applet.CardFixture.h;

import org.citycard.dictionary.crypto.CardCrypto;
import org.junit.jupiter.api.Test;

class BlockTest {
    /** The hotlist path: the card's challenge, the PSAM's block MAC, the block command. */
    private static Response blockWithPsam(CardFixture f, int ins) {
        f.selectPurse();
        byte[] challenge = f.challenge(4);
        byte[] header = {(byte) 0x84, (byte) ins, 0x00, 0x00, 0x04};
        f.selectPsam();
        Response mac = f.psam(
                apdu(0x80, 0x7A, 0x00, 0x00, concat(CardCrypto.asnDiversifier(CardFixture.ASN), challenge, header), 4));
        assertThat(mac.sw()).isEqualTo(0x9000);
        assertThat(mac.data())
                .as("the PSAM's MAC is the host's MAC with DAMK")
                .isEqualTo(f.crypto.secureMessagingMac(f.key("MAMK"), challenge, header));
        return f.card(concat(header, mac.data()));
    }

    @Test
    void applicationBlock_withThePsamMac_blocksThePurse() {
        CardFixture f = CardFixture.issuedWithBalance(100);
        byte[] fci = f.selectPurse().data();

        assertThat(blockWithPsam(f, 0x1E).sw()).isEqualTo(0x9000);

        Response select = f.selectPurse();
        assertThat(select.sw()).isEqualTo(0x6283);
        assertThat(select.data()).as("the FCI comes with 6283").isEqualTo(fci);
        assertThat(f.card("805C000204").sw()).isEqualTo(0x6985);
        assertThat(f.verifyPin(CardFixture.PIN).sw()).isEqualTo(0x6985);
        assertThat(f.card("00B0950000").sw()).isEqualTo(0x6985);
        assertThat(f.card(apdu(0x00, 0x84, 0, 0, null, 4)).sw())
                .as("GET CHALLENGE still works")
                .isEqualTo(0x9000);
        assertThat(f.selectSsse().sw()).as("the SSSE is not blocked").isEqualTo(0x9000);
    }

    @Test
    void applicationUnblock_withTheDamkMac_unblocksThePurse() {
        CardFixture f = CardFixture.issuedWithBalance(100);
        blockWithPsam(f, 0x1E);
        f.selectPurse();

        Response unblock = f.cardSecureMessaging(0x84, 0x18, 0x00, 0x00, new byte[0], f.key("MAMK"));

        assertThat(unblock.sw()).isEqualTo(0x9000);
        assertThat(f.selectPurse().sw()).isEqualTo(0x9000);
        assertThat(f.balance()).isEqualTo(100);
    }

    @Test
    void applicationBlock_withAWrongMac_orWithoutChallenge_changesNothing() {
        CardFixture f = CardFixture.issued();
        f.selectPurse();

        assertThat(f.card("841E000004 00000000").sw()).as("no challenge").isEqualTo(0x6985);
        assertThat(f.cardSecureMessaging(0x84, 0x1E, 0, 0, new byte[0], f.key("MPUK"))
                        .sw())
                .isEqualTo(0x9302);
        assertThat(f.selectPurse().sw()).isEqualTo(0x9000);
        assertThat(f.cardSecureMessaging(0x84, 0x18, 0, 0, new byte[0], f.key("MAMK"))
                        .sw())
                .as("unblock of a purse that is not blocked")
                .isEqualTo(0x6985);
    }

    @Test
    void cardBlock_blocksEverySelectOnTheCard_forGood() {
        CardFixture f = CardFixture.issuedWithBalance(100);

        assertThat(blockWithPsam(f, 0x16).sw()).isEqualTo(0x9000);

        assertThat(f.selectPurse().sw()).isEqualTo(0x6A81);
        assertThat(f.selectSsse().sw()).isEqualTo(0x6A81);
        f.card.reset();
        assertThat(f.selectSsse().sw()).isEqualTo(0x6A81);
        assertThat(f.card("00B2072C00").sw()).isEqualTo(0x6A81);
        assertThat(f.selectPurse().sw()).isEqualTo(0x6A81);
        assertThat(f.card(apdu(0x00, 0x84, 0, 0, null, 4)).sw()).isEqualTo(0x6A81);
        assertThat(f.card("8418000004 00000000").sw()).isEqualTo(0x6A81);
    }

    @Test
    void computeBlockMac_refusesAnUnblockHeader() {
        CardFixture f = CardFixture.issued();
        f.selectPsam();

        Response r = f.psam(apdu(
                0x80,
                0x7A,
                0,
                0,
                concat(CardCrypto.asnDiversifier(CardFixture.ASN), h("01020304"), h("8418000004")),
                4));

        assertThat(r.sw()).isEqualTo(0x6A80);
    }
}
