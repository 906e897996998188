package org.citycard.applet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citycard.applet.CardFixture.apdu;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * SFI 15's card_concession (offset 28, 2 bytes: card type and review date) after issuance: the counter's review
 * rewrites it with UPDATE BINARY under secure messaging (DAMK), with no applet code of its own — the dictionary's
 * access condition of SFI 15 says perso or secure messaging — and the FCI shows it at once. Without the MAC, with a
 * wrong one or in plain, nothing changes.
 */
class ConcessionFieldTest {
    private static final int P1_SFI15 = 0x95;
    private static final int OFFSET = 28;

    private static byte[] publicData(CardFixture f) {
        byte[] fci = f.selectPurse().data();
        return Arrays.copyOfRange(fci, fci.length - 30, fci.length);
    }

    @Test
    void theReview_rewritesTheTwoBytes_underSecureMessaging_andTheFciShowsThem() {
        CardFixture f = CardFixture.issuedWithBalance(100);
        byte[] before = publicData(f);
        f.selectPurse();
        Response r = f.cardSecureMessaging(0x04, 0xD6, P1_SFI15, OFFSET, new byte[] {0x20, 0x2A}, f.key("MAMK"));
        assertThat(r.sw()).isEqualTo(0x9000);
        byte[] after = publicData(f);
        assertThat(Arrays.copyOfRange(after, OFFSET, 30)).containsExactly(0x20, 0x2A);
        assertThat(Arrays.copyOf(after, OFFSET))
                .as("the rest of SFI 15 is as personalised")
                .isEqualTo(Arrays.copyOf(before, OFFSET));
        assertThat(f.balance()).isEqualTo(100);
    }

    @Test
    void aWrongMac_orAPlainUpdate_changesNothing() {
        CardFixture f = CardFixture.issuedWithBalance(100);
        byte[] before = publicData(f);
        f.selectPurse();
        byte[] wrongKey = new byte[16];
        assertThat(f.cardSecureMessaging(0x04, 0xD6, P1_SFI15, OFFSET, new byte[] {0x20, 0x2A}, wrongKey)
                        .sw())
                .isEqualTo(0x9302);
        f.selectPurse();
        assertThat(f.card(apdu(0x00, 0xD6, P1_SFI15, OFFSET, new byte[] {0x20, 0x2A}, -1))
                        .sw())
                .as("plain updates end with personalisation")
                .isEqualTo(0x6985);
        assertThat(publicData(f)).isEqualTo(before);
    }

    @Test
    void aTerminalsPsam_willNotMacTheUpdate_itMacsBlockCommandsOnly() {
        // the PSAM holds MAMK for the hotlist's block MAC (80 7A): it refuses any other header, so a terminal cannot
        // rewrite a card's review date (nor anything else of SFI 15) with it
        CardFixture f = CardFixture.issuedWithBalance(100);
        f.selectPurse();
        byte[] challenge = f.challenge(4);
        byte[] header = {0x04, (byte) 0xD6, (byte) P1_SFI15, OFFSET, 0x06};
        f.selectPsam();
        Response mac = f.psam(apdu(
                0x80,
                0x7A,
                0x00,
                0x00,
                CardFixture.concat(
                        org.citycard.dictionary.crypto.CardCrypto.asnDiversifier(CardFixture.ASN), challenge, header),
                4));
        assertThat(mac.sw()).isNotEqualTo(0x9000);
    }
}
