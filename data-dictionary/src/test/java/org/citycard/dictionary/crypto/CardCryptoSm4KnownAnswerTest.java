package org.citycard.dictionary.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.citycard.dictionary.codec.Hex;
import org.junit.jupiter.api.Test;

/** Every known answer of CARD-SPEC §7.1 (the SM4 profile), with the SM4 demo keys read from the dictionary. */
class CardCryptoSm4KnownAnswerTest {
    private static final String ASN = "31000000000000012345";
    private static final byte[] TERMINAL = Hex.parse("123456789012");
    private final CardCrypto c = CardCrypto.sm4();
    private final KeySet demo = KeySet.demo();

    private byte[] master(String id) {
        return demo.key(id, Algorithm.SM4);
    }

    private byte[] dpk() {
        return c.cardKey(master("MPK"), ASN);
    }

    private byte[] dlk() {
        return c.cardKey(master("MLK"), ASN);
    }

    private byte[] dtk() {
        return c.cardKey(master("MTK"), ASN);
    }

    @Test
    void sm4Itself_givesTheGbT32907Vector() {
        byte[] k = Hex.parse("0123456789ABCDEFFEDCBA9876543210");
        assertThat(Hex.of(c.encryptEcb(k, k))).isEqualTo("681EDF34D206965E86B3E94F536E4246");
        assertThat(c.decryptEcb(k, Hex.parse("681EDF34D206965E86B3E94F536E4246")))
                .isEqualTo(k);
        assertThat(c.algorithm()).isEqualTo(Algorithm.SM4);
        assertThat(c.blockSize()).isEqualTo(16);
    }

    @Test
    void demoKeySet_holdsTheSpecSm4MasterKeys_beside_the3desOnes() {
        assertThat(Hex.of(master("MPK"))).isEqualTo("0123456789ABCDEFFEDCBA9876543210");
        assertThat(Hex.of(master("MLK"))).isEqualTo("00112233445566778899AABBCCDDEEFF");
        assertThat(Hex.of(master("MTK"))).isEqualTo("FFEEDDCCBBAA99887766554433221100");
        assertThat(Hex.of(master("MAMK"))).isEqualTo("0F1E2D3C4B5A69788796A5B4C3D2E1F0");
        assertThat(Hex.of(master("MIAK"))).isEqualTo("A0A1A2A3A4A5A6A7A8A9AAABACADAEAF");
        assertThat(Hex.of(master("TK"))).isEqualTo("404142434445464748494A4B4C4D4E4F");
        for (String id : new String[] {"MPUK", "MRPK", "MEAK", "MTMK"}) {
            assertThat(demo.has(id, Algorithm.SM4)).as(id).isTrue();
            assertThat(master(id)).as(id).hasSize(16).isNotEqualTo(demo.key(id));
        }
        assertThat(Hex.of(demo.key("MLK", Algorithm.TDES))).isEqualTo("11111111111111112222222222222222");
        assertThat(demo.has("LMK", Algorithm.SM4)).isFalse();
        assertThatThrownBy(() -> demo.key("LMK", Algorithm.SM4))
                .hasMessageContaining("SM4")
                .hasMessageContaining("LMK");
    }

    @Test
    void diversification_givesTheSpecCardKeys() {
        assertThat(Hex.of(dpk())).isEqualTo("9757FB42AAB99A3C850CA0351BAC1A96");
        assertThat(Hex.of(dlk())).isEqualTo("EA8D3912F038DFB996191DDB287544E5");
        assertThat(Hex.of(dtk())).isEqualTo("398CB5984BE861C86AE8F365AB806160");
        assertThat(Hex.of(c.cardKey(master("MAMK"), ASN))).isEqualTo("654CB5E01BC21AB3C05DF1ECC5A4CE2E");
        // one block: SM4-ECB(MK, D ‖ NOT D)
        assertThat(c.diversify(master("MPK"), CardCrypto.asnDiversifier(ASN)))
                .isEqualTo(c.encryptEcb(master("MPK"), Hex.parse("0000000000012345FFFFFFFFFFFEDCBA")));
    }

    @Test
    void purchase_sessionKeyMac1Mac2AndTac() {
        byte[] amount = Hex.parse("00000190");
        byte[] ttsn = Hex.parse("00000102");
        byte[] date = Hex.parse("20261121");
        byte[] time = Hex.parse("083015");
        byte[] sespk = c.purchaseSessionKey(dpk(), Hex.parse("1A2B3C4D"), Hex.parse("0005"), ttsn);
        assertThat(Hex.of(sespk)).isEqualTo("75525A11E2C53F4487A9CA987CC2CFC5");
        assertThat(Hex.of(c.purchaseMac1(sespk, amount, (byte) 0x06, TERMINAL, date, time)))
                .isEqualTo("23417287");
        assertThat(Hex.of(c.purchaseMac2(sespk, amount))).isEqualTo("B85AFDC2");
        assertThat(Hex.of(c.purchaseTac(dtk(), amount, (byte) 0x06, TERMINAL, ttsn, date, time)))
                .isEqualTo("F6633030");
        CardCrypto.MacKey tacKey = c.prepareTacKey(dtk());
        assertThat(Hex.of(c.purchaseTac(
                        tacKey, CardCrypto.concat(amount, new byte[] {0x06}, TERMINAL, ttsn, date, time))))
                .isEqualTo("F6633030");
        assertThat(tacKey.algorithm()).isEqualTo(Algorithm.SM4);
        assertThat(tacKey.toString()).doesNotContain(Hex.of(dtk()));
        // the SM4 TAC key is DTK itself
        assertThat(c.tacKey(dtk())).isEqualTo(dtk());
    }

    @Test
    void load_sessionKeyMac1Mac2AndTac() {
        byte[] amount = Hex.parse("00002710");
        byte[] date = Hex.parse("20261121");
        byte[] time = Hex.parse("090000");
        byte[] seslk = c.loadSessionKey(dlk(), Hex.parse("55667788"), Hex.parse("0003"));
        assertThat(Hex.of(seslk)).isEqualTo("7EF163DECA6671A5FC2EDEF398BE6435");
        assertThat(Hex.of(c.loadMac1(seslk, Hex.parse("000003E8"), amount, TERMINAL)))
                .isEqualTo("28DB914C");
        assertThat(Hex.of(c.loadMac1(c.prepareMacKey(seslk), Hex.parse("000003E8"), amount, TERMINAL)))
                .isEqualTo("28DB914C");
        assertThat(Hex.of(c.loadMac2(seslk, amount, TERMINAL, date, time))).isEqualTo("269DBC68");
        assertThat(Hex.of(c.loadTac(dtk(), Hex.parse("00002AF8"), Hex.parse("0003"), amount, TERMINAL, date, time)))
                .isEqualTo("5496424E");
    }

    @Test
    void secureMessagingMac_withMamkAndAChallengeIcvOfSixteenBytes() {
        byte[] mac = c.secureMessagingMac(master("MAMK"), Hex.parse("0A0B0C0D"), Hex.parse("04D69500090102030405"));
        assertThat(Hex.of(mac)).isEqualTo("814891BB");
        assertThat(c.mac(
                        master("MAMK"),
                        Hex.parse("0A0B0C0D000000000000000000000000"),
                        Hex.parse("04D69500090102030405")))
                .isEqualTo(mac);
    }

    @Test
    void putKeyAndExternalAuthenticate_underTheTransportKey() {
        byte[] tk = master("TK");
        assertThat(Hex.of(c.encryptKey(tk, dpk()))).isEqualTo("07DE2239D1EA294B2D8CC4F0D31A4B09");
        assertThat(c.decryptEcb(tk, c.encryptKey(tk, dpk()))).isEqualTo(dpk());
        assertThat(Hex.of(c.externalAuthenticate(tk, Hex.parse("1122334455667788"))))
                .isEqualTo("F6E2990A60EFE254C90AB3415A7A5ADC");
    }

    @Test
    void internalAuthenticate_givesTheSpecDiakAndCryptogram() {
        byte[] diak = c.cardKey(master("MIAK"), ASN);
        assertThat(Hex.of(diak)).isEqualTo("EFC5D6BBA8501919F7AB8E118D716E7C");
        byte[] challenge = Hex.parse("1122334455667788");
        assertThat(Hex.of(c.internalAuthenticate(diak, challenge))).isEqualTo("A3B9A96D662B774D");
        assertThat(c.internalAuthenticateMatches(diak, challenge, Hex.parse("A3B9A96D662B774D")))
                .isTrue();
        assertThat(c.internalAuthenticateMatches(diak, challenge, Hex.parse("A3B9A96D662B774C")))
                .isFalse();
        // a 3DES card's answer does not pass for an SM4 card's
        byte[] tdesAnswer = CardCrypto.tdes().internalAuthenticate(diak, challenge);
        assertThat(c.internalAuthenticateMatches(diak, challenge, tdesAnswer)).isFalse();
    }

    @Test
    void pinBlock_isExtendedWith80AndZeros_andEncryptedInOneSm4Block() {
        byte[] dpuk = c.cardKey(master("MPUK"), ASN);
        byte[] enc = c.encryptPinBlock(dpuk, "13579");
        assertThat(enc).hasSize(16);
        assertThat(Hex.of(c.decryptEcb(dpuk, enc))).isEqualTo("0313579F80000000" + "8000000000000000");
        assertThat(Hex.of(c.decryptEightByteBlock(dpuk, enc))).isEqualTo("0313579F80000000");
        assertThatThrownBy(() -> c.decryptEightByteBlock(c.cardKey(master("MRPK"), ASN), enc))
                .hasMessageContaining("80 00");
        // 3DES: the block itself, 8 bytes
        assertThat(CardCrypto.tdes().encryptPinBlock(demo.key("MPUK"), "13579")).hasSize(8);
    }

    @Test
    void mac_padsToSixteen_always_andTheMessageMacIsTheLeftmostEightBytes() {
        byte[] key = master("MAMK");
        byte[] sixteen = Hex.parse("0102030405060708090A0B0C0D0E0F10");
        byte[] padded = c.padBlock(sixteen);
        assertThat(padded).hasSize(32);
        assertThat(padded[16]).isEqualTo((byte) 0x80);
        assertThat(c.padBlock(new byte[3])).hasSize(16);
        byte[] full = c.fullMac(key, new byte[16], sixteen);
        assertThat(full).hasSize(16);
        assertThat(c.mac(key, sixteen)).isEqualTo(java.util.Arrays.copyOf(full, 4));
        assertThat(c.messageMac(key, sixteen)).isEqualTo(java.util.Arrays.copyOf(full, 8));
        assertThat(c.messageMac(c.prepareMacKey(key), sixteen)).isEqualTo(java.util.Arrays.copyOf(full, 8));
        // a prepared key MACs in its own algorithm, whichever profile is asked
        assertThat(CardCrypto.tdes().messageMac(c.prepareMacKey(key), sixteen)).isEqualTo(c.messageMac(key, sixteen));
        assertThatThrownBy(() -> c.fullMac(key, new byte[8], sixteen)).hasMessageContaining("ICV is 16 bytes");
    }

    @Test
    void keyCheckValue_isTheLeftmostThreeBytesOfSm4OfTheZeroBlock() {
        String kcv = c.checkValue(dpk());
        assertThat(kcv).isEqualTo(Hex.of(java.util.Arrays.copyOf(c.encryptEcb(dpk(), new byte[16]), 3)));
        assertThat(kcv).isNotEqualTo(CardCrypto.keyCheckValue(dpk()));
        assertThat(CardCrypto.tdes().checkValue(dpk())).isEqualTo(CardCrypto.keyCheckValue(dpk()));
    }

    @Test
    void anEightByteKey_isRefusedByName() {
        assertThatThrownBy(() -> c.encryptEcb(new byte[8], new byte[16])).hasMessageContaining("SM4 key is 16 bytes");
        assertThatThrownBy(() -> c.prepareMacKey(new byte[8])).hasMessageContaining("16 bytes");
        assertThatThrownBy(() -> c.encryptEcb(dpk(), new byte[8])).hasMessageContaining("multiple of 16");
    }

    @Test
    void aKeyStore_holdsSm4KeysUnderIdDashSm4_beside3desKeysUnderTheId(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.nio.file.Path file = dir.resolve("issuer.bcfks");
        char[] pw = "correct horse".toCharArray();
        KeyStoreKeySet store = KeyStoreKeySet.create(file, pw);
        store.put("MLK", demo.key("MLK"));
        store.put("MLK", Algorithm.SM4, master("MLK"));
        store.save(file);
        KeySet read = KeySet.open(file.toString(), pw);
        assertThat(read.key("MLK")).isEqualTo(demo.key("MLK"));
        assertThat(read.key("MLK", Algorithm.TDES)).isEqualTo(demo.key("MLK"));
        assertThat(read.key("MLK", Algorithm.SM4)).isEqualTo(master("MLK"));
        assertThat(read.has("MLK", Algorithm.SM4)).isTrue();
        assertThat(read.has("MTK", Algorithm.SM4)).isFalse();
        assertThat(KeySet.alias("MPK", Algorithm.SM4)).isEqualTo("mpk-sm4");
        assertThat(KeySet.alias("MPK", Algorithm.TDES)).isEqualTo("mpk");
        assertThatThrownBy(() -> read.key("MTK", Algorithm.SM4))
                .hasMessageContaining("mtk-sm4")
                .hasMessageNotContaining(Hex.of(master("MTK")));
        assertThatThrownBy(() -> store.put("MTK", Algorithm.SM4, new byte[8])).hasMessageContaining("16 bytes");
    }
}
