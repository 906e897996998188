package org.citycard.dictionary.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.citycard.dictionary.codec.Hex;
import org.junit.jupiter.api.Test;

/** Every known answer of CARD-SPEC §6, computed with the demo key set read from the dictionary. */
class CardCryptoKnownAnswerTest {
    private static final String ASN = "31000000000000012345";
    private static final byte[] TERMINAL = Hex.parse("123456789012");
    private final CardCrypto c = CardCrypto.tdes();
    private final KeySet demo = KeySet.demo();

    private byte[] dpk() {
        return c.cardKey(demo.key("MPK"), ASN);
    }

    private byte[] dlk() {
        return c.cardKey(demo.key("MLK"), ASN);
    }

    private byte[] dtk() {
        return c.cardKey(demo.key("MTK"), ASN);
    }

    @Test
    void diversifier_isTheRightmostEightBytesOfTheAsn() {
        assertThat(Hex.of(CardCrypto.asnDiversifier(ASN))).isEqualTo("0000000000012345");
    }

    @Test
    void diversification_givesTheSpecCardKeys() {
        assertThat(Hex.of(dpk())).isEqualTo("6D2C89DB3B920683BB54E9FE2141ACD6");
        assertThat(Hex.of(dlk())).isEqualTo("FAF3C82E1294EC7E0CDDF329FCE9C148");
        assertThat(Hex.of(dtk())).isEqualTo("CA2241BC3AB9959ED78A91922EBF49C7");
    }

    @Test
    void purchase_sessionKeyMac1Mac2AndTac() {
        byte[] amount = Hex.parse("00000190");
        byte[] ttsn = Hex.parse("00000102");
        byte[] date = Hex.parse("20261121");
        byte[] time = Hex.parse("083015");
        byte[] sespk = c.purchaseSessionKey(dpk(), Hex.parse("1A2B3C4D"), Hex.parse("0005"), ttsn);
        assertThat(Hex.of(sespk)).isEqualTo("5F1303078DBD2A8C");
        assertThat(Hex.of(c.purchaseMac1(sespk, amount, (byte) 0x06, TERMINAL, date, time)))
                .isEqualTo("E0E8DEC3");
        assertThat(Hex.of(c.purchaseMac2(sespk, amount))).isEqualTo("90E8ACBB");
        assertThat(Hex.of(c.purchaseTac(dtk(), amount, (byte) 0x06, TERMINAL, ttsn, date, time)))
                .isEqualTo("CBFFB952");
        assertThat(Hex.of(c.purchaseTac(
                        c.prepareTacKey(dtk()),
                        CardCrypto.concat(amount, new byte[] {0x06}, TERMINAL, ttsn, date, time))))
                .isEqualTo("CBFFB952");
        assertThat(c.prepareTacKey(dtk()).toString()).doesNotContain(Hex.of(c.tacKey(dtk())));
    }

    @Test
    void load_sessionKeyMac1Mac2AndTac() {
        byte[] amount = Hex.parse("00002710");
        byte[] date = Hex.parse("20261121");
        byte[] time = Hex.parse("090000");
        byte[] seslk = c.loadSessionKey(dlk(), Hex.parse("55667788"), Hex.parse("0003"));
        assertThat(Hex.of(seslk)).isEqualTo("0769EC58D539E30D");
        assertThat(Hex.of(c.loadMac1(seslk, Hex.parse("000003E8"), amount, TERMINAL)))
                .isEqualTo("F78FE483");
        assertThat(Hex.of(c.loadMac2(seslk, amount, TERMINAL, date, time))).isEqualTo("CAAF2F1E");
        assertThat(Hex.of(c.loadTac(dtk(), Hex.parse("00002AF8"), Hex.parse("0003"), amount, TERMINAL, date, time)))
                .isEqualTo("684CE99A");
    }

    @Test
    void secureMessagingMac_withMamkAndChallengeIcv() {
        byte[] mac = c.secureMessagingMac(demo.key("MAMK"), Hex.parse("0A0B0C0D"), Hex.parse("04D69500090102030405"));
        assertThat(Hex.of(mac)).isEqualTo("4FC6D641");
    }

    @Test
    void internalAuthenticate_givesTheSpecDiakAndCryptogram() {
        byte[] diak = c.cardKey(demo.key("MIAK"), "31000000000000012345");
        assertThat(Hex.of(diak)).isEqualTo("D90C82CCCCFAF427277A9DD3CBDF20A9");
        byte[] challenge = Hex.parse("1122334455667788");
        assertThat(Hex.of(c.internalAuthenticate(diak, challenge))).isEqualTo("2C6FD83C4EF60200");
        assertThat(c.internalAuthenticateMatches(diak, challenge, Hex.parse("2C6FD83C4EF60200")))
                .isTrue();
        assertThat(c.internalAuthenticateMatches(diak, challenge, Hex.parse("2C6FD83C4EF60201")))
                .isFalse();
        assertThat(c.internalAuthenticateMatches(diak, challenge, null)).isFalse();
    }

    @Test
    void mac_alwaysPads_evenAWholeBlock() {
        byte[] key = Hex.parse("0123456789ABCDEF");
        byte[] eight = Hex.parse("0102030405060708");
        byte[] sixteen = Hex.parse("01020304050607088000000000000000");
        // a whole block still gets 80 00..; so MAC(8 bytes) = CBC over the 16-byte padded form
        assertThat(CardCrypto.pad(eight)).isEqualTo(sixteen);
        assertThat(c.mac(key, eight)).isNotEqualTo(c.mac(key, sixteen));
    }

    @Test
    void putKey_encryptsUnderTheTransportKey_andDecryptsBack() {
        byte[] tk = demo.key("TK");
        byte[] enc = c.encryptKey(tk, dpk());
        assertThat(enc).isNotEqualTo(dpk());
        assertThat(c.decryptEcb(tk, enc)).isEqualTo(dpk());
    }

    @Test
    void pinBlock_isLengthBcdAndPadding() {
        assertThat(Hex.of(CardCrypto.pinBlock("123456"))).isEqualTo("0312345680000000");
        assertThat(Hex.of(CardCrypto.pinBlock("12345"))).isEqualTo("0312345F80000000");
        assertThatThrownBy(() -> CardCrypto.pinBcd("12ab"))
                .hasMessageContaining("4 to 12 digits")
                .hasMessageNotContaining("12ab");
    }

    @Test
    void of_givesTheProfileOfEachAlgorithmId_andRefusesOthersByName() {
        assertThat(CardCrypto.of(Algorithm.fromId((byte) 0))).isSameAs(CardCrypto.tdes());
        assertThat(CardCrypto.of((byte) 0x04)).isSameAs(CardCrypto.sm4());
        assertThat(CardCrypto.tdes().blockSize()).isEqualTo(8);
        assertThatThrownBy(() -> CardCrypto.of((byte) 0x02))
                .hasMessageContaining("algorithm_id")
                .hasMessageContaining("02");
    }

    @Test
    void keyCheckValue_isThreeBytes_andNeverTheKey() {
        String kcv = CardCrypto.keyCheckValue(dpk());
        assertThat(kcv).hasSize(6);
        assertThat(Hex.of(dpk())).doesNotContain(kcv + "00");
    }

    @Test
    void demoKeySet_neverShowsItsValuesInText() {
        assertThat(demo.toString()).doesNotContain("0123456789ABCDEF").contains("DEMO ONLY");
        assertThat(demo.isDemo()).isTrue();
    }
}
