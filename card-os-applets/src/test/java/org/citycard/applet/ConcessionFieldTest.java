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
}
