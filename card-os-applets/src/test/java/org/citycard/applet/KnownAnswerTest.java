package org.citycard.applet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citycard.applet.CardFixture.apdu;
import static org.citycard.applet.CardFixture.concat;
import static org.citycard.applet.CardFixture.h;

import org.citycard.applet.sim.PsamProfile;
import org.citycard.dictionary.crypto.CardCrypto;
import org.junit.jupiter.api.Test;

/**
 * The known answers of CARD-SPEC §6 reproduced through the applets. The PSAM takes every input of the purchase
 * vector from the command (random, offline seq, amount, date, time) and its TTSN is driven to 00000101 first, so
 * its MAC1 and its MAC2 check are exactly the vector's. The card draws its own random, so the card side is checked
 * for consistency with the host crypto (PurchaseTest, LoadTest); the §6 secure-messaging MAC is the one the
 * card's UPDATE BINARY check computes.
 */
class KnownAnswerTest {
    private static final byte[] SAM_INIT_VECTOR = concat(
            h("1A2B3C4D"), // random
            h("0005"), // offline seq
            h("00000190"), // 4.00 CNY
            h("06"),
            h("20261121"),
            h("083015"),
            h("0100"), // key version, algorithm
            CardCrypto.asnDiversifier("31000000000000012345"),
            PsamProfile.demoIssuerId());

    @Test
    void psam_reproducesMac1OfTheSection6Purchase_andAcceptsItsMac2() {
        CardFixture f = CardFixture.issued();
        f.selectPsam();
        for (int i = 1; i < 0x102; i++) {
            assertThat(f.psam(apdu(0x80, 0x70, 0, 0, SAM_INIT_VECTOR, 8)).sw()).isEqualTo(0x9000);
        }

        Response init = f.psam(apdu(0x80, 0x70, 0, 0, SAM_INIT_VECTOR, 8));

        assertThat(init.hex()).isEqualTo("00000102" + "E0E8DEC3");
        assertThat(f.psam("8072000004 90E8ACBB").sw()).isEqualTo(0x9000);
    }

    @Test
    void purse_acceptsTheSection6SecureMessagingMac_forItsOwnChallenge() {
        // §6: MAC(MAMK, ICV 0A0B0C0D00000000, 04D69500090102030405) = 4FC6D641 (a 16-byte key: algorithm 3);
        // the card computes the same function with its DAMK over the same header and data
        CardFixture f = CardFixture.issued();
        byte[] key = f.key("MAMK");
        byte[] host = f.crypto.secureMessagingMac(
                h("55555555555555556666666666666666"), h("0A0B0C0D"), h("04D69500090102030405"));
        assertThat(host).isEqualTo(h("4FC6D641"));
        f.selectPurse();
        byte[] challenge = f.challenge(4);
        byte[] head = h("04D6960009 0102030405"); // SFI 16, offset 0, five bytes of the name
        byte[] mac = f.crypto.secureMessagingMac(key, challenge, head);

        assertThat(f.card(concat(head, mac)).sw()).isEqualTo(0x9000);
    }

    @Test
    void diversifiedKeys_ofTheDemoCard_areTheSection6Keys() {
        CardFixture f = CardFixture.issued();

        assertThat(f.key("MPK")).isEqualTo(h("6D2C89DB3B920683BB54E9FE2141ACD6"));
        assertThat(f.key("MLK")).isEqualTo(h("FAF3C82E1294EC7E0CDDF329FCE9C148"));
        assertThat(f.key("MTK")).isEqualTo(h("CA2241BC3AB9959ED78A91922EBF49C7"));
    }
}
