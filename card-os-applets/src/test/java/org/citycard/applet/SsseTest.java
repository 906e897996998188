package org.citycard.applet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citycard.applet.CardFixture.apdu;
import static org.citycard.applet.CardFixture.concat;
import static org.citycard.applet.CardFixture.h;

import java.nio.charset.StandardCharsets;
import org.citycard.applet.sim.CitizenProfile;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.codec.Gb18030Text;
import org.junit.jupiter.api.Test;

class SsseTest {
    private static final int AUTH_TRY_LIMIT =
            Dictionary.standard().parameter("auth_try_limit").asInt();

    @Test
    void readRecord_cardNumber_isFreeAsThirdPartyToolsReadIt() {
        CardFixture f = CardFixture.issued();
        Response select = f.selectSsse();
        assertThat(select.sw()).isEqualTo(0x9000);
        assertThat(select.hex()).isEqualTo("6F11840F7378312E73682EC9E7BBE1B1A3D5CF");

        Response number = f.card("00B2072C00");

        assertThat(number.sw()).isEqualTo(0x9000);
        assertThat(number.data(0, 2)).isEqualTo(h("0709"));
        assertThat(new String(number.data(2, 11), StandardCharsets.US_ASCII))
                .isEqualTo(CitizenProfile.demo().cardNumber());
        assertThat(f.card("00B2032C00").data(2, 6)).isEqualTo("3.00".getBytes(StandardCharsets.US_ASCII));
        assertThat(f.card("00B2072C").sw()).as("case 1, no Le").isEqualTo(0x6700);
        assertThat(f.card("00B2072C0B").sw()).as("Le = the record length").isEqualTo(0x9000);
        assertThat(f.card("00B2072C01 00").sw()).as("a data field").isEqualTo(0x6700);
    }

    @Test
    void holderRecords_needThePinOrTerminalAuthentication() {
        CardFixture f = CardFixture.issued();
        f.selectSsse();
        assertThat(f.card("00B2093400").sw()).isEqualTo(0x6982);
        assertThat(f.card("00B2013C00").sw()).isEqualTo(0x6982);

        assertThat(f.verifyPin(CardFixture.PIN).sw()).isEqualTo(0x9000);

        Response name = f.card("00B2093400");
        assertThat(name.sw()).isEqualTo(0x9000);
        assertThat(Gb18030Text.decode(name.data(), 2, 30)).isEqualTo("张三");
        assertThat(f.card("00B2013C00").data(0, 3)).isEqualTo("110".getBytes(StandardCharsets.US_ASCII));
        assertThat(f.card("00B2033C00").sw()).as("no unemployment record").isEqualTo(0x6A83);
    }

    @Test
    void externalAuthenticate_withDeak_opensTheHolderRecords() {
        CardFixture f = CardFixture.issued();
        f.selectSsse();
        byte[] challenge = f.challenge(8);

        Response auth =
                f.card(apdu(0x00, 0x82, 0x00, 0x07, f.crypto.externalAuthenticate(f.key("MEAK"), challenge), -1));

        assertThat(auth.sw()).isEqualTo(0x9000);
        assertThat(f.card("00B2083400").sw()).isEqualTo(0x9000);
        f.selectPurse();
        f.selectSsse();
        assertThat(f.card("00B2083400").sw())
                .as("terminal authentication ends with the selection")
                .isEqualTo(0x6982);
    }

    @Test
    void externalAuthenticate_wrongCryptograms_blockTheKeyAfterTheLimit() {
        CardFixture f = CardFixture.issued();
        f.selectSsse();
        for (int i = 1; i < AUTH_TRY_LIMIT; i++) {
            f.challenge(8);
            assertThat(f.card("0082000708 0000000000000000").sw()).isEqualTo(0x6982);
        }
        f.challenge(8);
        assertThat(f.card("0082000708 0000000000000000").sw()).isEqualTo(0x6983);

        byte[] challenge = f.challenge(8);
        assertThat(f.card(apdu(0, 0x82, 0, 7, f.crypto.externalAuthenticate(f.key("MEAK"), challenge), -1))
                        .sw())
                .isEqualTo(0x6983);
    }

    @Test
    void internalAuthenticate_answersTheSpecKnownAnswer_withoutPin() {
        CardFixture f = CardFixture.issued();
        f.selectSsse();

        Response r = f.card("0088000008 1122334455667788 08");

        assertThat(CardFixture.ASN).isEqualTo("31000000000000012345");
        assertThat(r.sw()).isEqualTo(0x9000);
        assertThat(r.hex())
                .as("CARD-SPEC §6: DIAK from the demo MIAK, challenge 1122334455667788")
                .isEqualTo("2C6FD83C4EF60200");
        assertThat(f.crypto.internalAuthenticate(f.key("MIAK"), h("A1A2A3A4A5A6A7A8")))
                .isEqualTo(f.card("0088000008 A1A2A3A4A5A6A7A8 08").data());
        assertThat(f.card("00B2083400").sw()).as("it opens nothing").isEqualTo(0x6982);
        assertThat(f.card("0088000007 11223344556677 08").sw()).isEqualTo(0x6700);
        f.selectPurse();
        assertThat(f.card("0088000008 1122334455667788 08").sw())
                .as("the purse has no INTERNAL AUTHENTICATE")
                .isEqualTo(0x6D00);
    }

    @Test
    void selectFileByFid_thenReadRecordWithSfi0() {
        CardFixture f = CardFixture.issued();
        f.selectSsse();

        assertThat(f.card("00A4020002 EF05").sw()).isEqualTo(0x9000);

        assertThat(f.card("00B2070400").data(0, 2)).isEqualTo(h("0709"));
        assertThat(f.card("00A4020002 EF09").sw()).isEqualTo(0x6A82);
        assertThat(f.card("00A4020001 EF").sw()).isEqualTo(0x6700);
    }

    @Test
    void updateRecordWithSecureMessaging_replacesAHolderRecord() {
        CardFixture f = CardFixture.issued();
        f.selectSsse();
        byte[] name = concat(h("091E"), Gb18030Text.encodePadded("name", "李四", 30));

        Response update = f.cardSecureMessaging(0x04, 0xDC, 0x09, 0x34, name, f.key("MAMK"));

        assertThat(update.sw()).isEqualTo(0x9000);
        f.verifyPin(CardFixture.PIN);
        assertThat(f.card("00B2093400").data()).isEqualTo(name);
    }

    @Test
    void updateRecordWithSecureMessaging_wrongMac_changesNothing() {
        CardFixture f = CardFixture.issued();
        f.selectSsse();
        byte[] name = concat(h("091E"), Gb18030Text.encodePadded("name", "李四", 30));

        assertThat(f.cardSecureMessaging(0x04, 0xDC, 0x09, 0x34, name, f.key("MEAK"))
                        .sw())
                .isEqualTo(0x9302);

        f.verifyPin(CardFixture.PIN);
        assertThat(Gb18030Text.decode(f.card("00B2093400").data(), 2, 30)).isEqualTo("张三");
    }

    @Test
    void appendRecord_replacesTheRecordOfTheSameInsuranceType() {
        CardFixture f = CardFixture.issued();
        f.selectSsse();
        byte[] medical = concat(
                "310".getBytes(StandardCharsets.US_ASCII),
                "2".getBytes(StandardCharsets.US_ASCII),
                h("20200101"),
                h("310105"));
        byte[] unknown = concat(
                "999".getBytes(StandardCharsets.US_ASCII),
                "1".getBytes(StandardCharsets.US_ASCII),
                h("20200101"),
                h("310105"));

        assertThat(f.cardSecureMessaging(0x04, 0xE2, 0x00, 0x38, medical, f.key("MAMK"))
                        .sw())
                .isEqualTo(0x9000);
        assertThat(f.cardSecureMessaging(0x04, 0xE2, 0x00, 0x38, unknown, f.key("MAMK"))
                        .sw())
                .isEqualTo(0x6A80);

        f.verifyPin(CardFixture.PIN);
        assertThat(f.card("00B2023C00").data()).isEqualTo(medical);
    }

    @Test
    void plainUpdates_afterIssuance_areRefused() {
        CardFixture f = CardFixture.issued();
        f.selectSsse();

        assertThat(f.card(apdu(
                                0x00,
                                0xDC,
                                0x07,
                                0x2C,
                                concat(h("0709"), "B00000000".getBytes(StandardCharsets.US_ASCII)),
                                -1))
                        .sw())
                .isEqualTo(0x6985);
        assertThat(f.card("00B2072C00").data(2, 3)).isEqualTo("A".getBytes(StandardCharsets.US_ASCII));
    }
}
