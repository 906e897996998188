package org.citycard.applet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.citycard.applet.CardFixture.apdu;
import static org.citycard.applet.CardFixture.concat;
import static org.citycard.applet.CardFixture.h;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import org.citycard.applet.sim.CitizenProfile;
import org.citycard.applet.sim.PsamProfile;
import org.citycard.applet.sim.SimPersonaliser;
import org.citycard.applet.sim.SimulatedCard;
import org.citycard.applet.tearing.TearableCard;
import org.citycard.cardlink.ApduTransport;
import org.citycard.cardlink.perso.CardPersonaliser;
import org.citycard.cardlink.perso.PsamPersonaliser;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.crypto.KeySet;
import org.junit.jupiter.api.Test;

/**
 * The SM4 profile (CARD-SPEC §7) on the real applets in jCardSim: a card personalised with SM4 keys reproduces every
 * known answer of §7.1. The card draws its own random numbers; where a vector fixes them (the personalisation
 * challenge, the random of INITIALIZE) the card runs on the tearing runtime, whose random number generator a test
 * may script ({@link TearableCard#scriptRandom}), so the card's own answers are the vector's, byte for byte.
 */
class Sm4CardTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final String ASN = CitizenProfile.DEMO_ASN;
    private static final byte[] TERMINAL = CardFixture.TERMINAL_BCD;
    private static final CardCrypto SM4 = CardCrypto.of(Algorithm.SM4);

    /** A blank instrumented card personalised with SM4 keys, the personalisation challenge being §7.1's. */
    private static final class Sm4Card {
        final TearableCard card = TearableCard.citizen();
        final List<String> persoApdus = new ArrayList<>();
        final SimPersonaliser perso = SimPersonaliser.demo(Algorithm.SM4);

        Sm4Card() {
            ApduTransport recording = command -> {
                persoApdus.add(HEX.formatHex(command));
                return card.transmit(command);
            };
            card.scriptRandom(h("1122334455667788")); // the purse's GET CHALLENGE before EXTERNAL AUTHENTICATE
            perso.personaliseCitizen(recording, CitizenProfile.demo());
        }

        Response send(String hex) {
            return Response.of(card.transmit(h(hex)));
        }

        Response send(byte[] apdu) {
            return Response.of(card.transmit(apdu));
        }
    }

    private static Response psam(SimulatedCard psam, byte[] apdu) {
        return Response.of(psam.transmit(apdu));
    }

    @Test
    void personalisation_sendsTheSection71ExternalAuthenticateAndPutKey_andTheCardTakesThem() {
        Sm4Card c = new Sm4Card();

        assertThat(c.persoApdus.get(2))
                .as("EXTERNAL AUTHENTICATE 00 82 00 00 10 of challenge 1122334455667788 under TK, SM4 form")
                .isEqualTo("0082000010F6E2990A60EFE254C90AB3415A7A5ADC");
        assertThat(c.persoApdus.get(3))
                .as("PUT KEY of DPK: version 01, algorithm 04, SM4-ECB(TK, DPK)")
                .isEqualTo("80D40001120104" + "07DE2239D1EA294B2D8CC4F0D31A4B09");
        assertThat(c.persoApdus)
                .as("every PUT KEY of the card carries algorithm 04")
                .filteredOn(a -> a.startsWith("80D400") && !a.startsWith("80D40010"))
                .hasSize(9)
                .allMatch(a -> a.substring(10, 14).equals("0104"));
        assertThat(c.persoApdus)
                .as("the PIN: try limit ‖ SM4-ECB(TK, PIN block ‖ 80 00 …), Lc 11")
                .anyMatch(a -> a.startsWith("80D4001011"));
        c.send(apdu(0x00, 0xA4, 0x04, 0x00, CardConstants.AID_PURSE, 0));
        assertThat(c.send("805C000204").sw()).as("the purse is issued").isEqualTo(0x9000);
    }

    @Test
    void loadAndPurchase_reproduceEveryMacAndTacOfSection71() {
        Sm4Card c = new Sm4Card();
        SimPersonaliser psamPerso = SimPersonaliser.demo(Algorithm.SM4);
        SimulatedCard psam = psamPerso.newPsam(PsamProfile.demo(), EnumSet.of(Algorithm.SM4));
        // the vector's load finds 10.00 CNY and online seq 0003
        c.perso.load(c.card, ASN, 500, PsamProfile.DEMO_TERMINAL_ID);
        c.perso.load(c.card, ASN, 250, PsamProfile.DEMO_TERMINAL_ID);
        c.perso.load(c.card, ASN, 250, PsamProfile.DEMO_TERMINAL_ID);

        // the load of §6 on the SM4 card: SESLK 7EF1…, MAC1 28DB914C, MAC2 269DBC68, TAC 5496424E
        c.send(apdu(0x00, 0xA4, 0x04, 0x00, CardConstants.AID_PURSE, 0));
        c.card.scriptRandom(h("55667788"));
        Response loadInit = c.send(apdu(0x80, 0x50, 0x00, 0x02, concat(h("01 00002710"), TERMINAL), 0x10));
        assertThat(loadInit.toString())
                .as("balance ‖ online seq ‖ key version ‖ algorithm 04 ‖ random ‖ MAC1")
                .isEqualTo("000003E8" + "0003" + "01" + "04" + "55667788" + "28DB914C" + " 9000");
        Response credit = c.send(apdu(0x80, 0x52, 0x00, 0x00, h("20261121 090000 269DBC68"), 0x04));
        assertThat(credit.toString()).as("TAC of the load").isEqualTo("5496424E 9000");
        assertThat(c.send("805C000204").hex()).isEqualTo("00002AF8");

        // five purchases first: the vector's purchase has offline seq 0005; then the PSAM's TTSN is driven to 0101
        for (int i = 0; i < 5; i++) {
            purchaseThroughPsam(c, psam, 1);
        }
        byte[] vectorSamInit = concat(
                h("1A2B3C4D 0005 00000190 06 20261121 083015 01 04"),
                CardCrypto.asnDiversifier(ASN),
                PsamProfile.demoIssuerId());
        psam(psam, apdu(0x00, 0xA4, 0x04, 0x00, CardConstants.AID_PSAM, 0));
        String ttsn;
        do {
            Response r = psam(psam, apdu(0x80, 0x70, 0x00, 0x00, vectorSamInit, 0x08));
            assertThat(r.sw()).isEqualTo(0x9000);
            ttsn = r.hex().substring(0, 8);
        } while (!ttsn.equals("00000101"));

        // the purchase of §6 on the SM4 card: MAC1 23417287, MAC2 B85AFDC2, TAC F6633030
        c.send(apdu(0x00, 0xA4, 0x04, 0x00, CardConstants.AID_PURSE, 0));
        c.card.scriptRandom(h("1A2B3C4D"));
        Response init = c.send(apdu(0x80, 0x50, 0x01, 0x02, concat(h("01 00000190"), TERMINAL), 0x0F));
        assertThat(init.hex().substring(8))
                .as("offline seq ‖ overdraft ‖ key version ‖ algorithm 04 ‖ random")
                .isEqualTo("0005" + "000000" + "01" + "04" + "1A2B3C4D");
        Response samInit = psam(psam, apdu(0x80, 0x70, 0x00, 0x00, vectorSamInit, 0x08));
        assertThat(samInit.toString()).as("TTSN ‖ MAC1 of the SM4 PSAM").isEqualTo("00000102" + "23417287" + " 9000");
        Response debit = c.send(apdu(0x80, 0x54, 0x01, 0x00, h("00000102 20261121 083015 23417287"), 0x08));
        assertThat(debit.toString()).as("TAC ‖ MAC2 of the card").isEqualTo("F6633030" + "B85AFDC2" + " 9000");
        assertThat(psam(psam, h("8072000004 B85AFDC2")).sw())
                .as("the PSAM accepts MAC2")
                .isEqualTo(0x9000);
        Response prove = c.send(apdu(0x80, 0x5A, 0x00, 0x06, h("0005"), 0x08));
        assertThat(prove.toString()).as("GET TRANSACTION PROVE").isEqualTo("B85AFDC2" + "F6633030" + " 9000");
    }

    /** A purchase of the card's own random through an SM4 PSAM. */
    private static void purchaseThroughPsam(Sm4Card c, SimulatedCard psam, long fen) {
        byte[] amount = CardFixture.amount(fen);
        c.send(apdu(0x00, 0xA4, 0x04, 0x00, CardConstants.AID_PURSE, 0));
        Response init = c.send(apdu(0x80, 0x50, 0x01, 0x02, concat(h("01"), amount, TERMINAL), 0x0F));
        assertThat(init.sw()).isEqualTo(0x9000);
        psam(psam, apdu(0x00, 0xA4, 0x04, 0x00, CardConstants.AID_PSAM, 0));
        Response sam = psam(
                psam,
                apdu(
                        0x80,
                        0x70,
                        0x00,
                        0x00,
                        concat(
                                init.data(11, 15),
                                init.data(4, 6),
                                amount,
                                h("06"),
                                CardFixture.DATE,
                                CardFixture.TIME,
                                init.data(9, 11),
                                CardCrypto.asnDiversifier(ASN),
                                PsamProfile.demoIssuerId()),
                        0x08));
        assertThat(sam.sw()).isEqualTo(0x9000);
        Response debit = c.send(apdu(
                0x80, 0x54, 0x01, 0x00, concat(sam.data(0, 4), CardFixture.DATE, CardFixture.TIME, sam.data(4, 8)), 8));
        assertThat(debit.sw()).isEqualTo(0x9000);
        assertThat(psam(psam, apdu(0x80, 0x72, 0x00, 0x00, debit.data(4, 8), -1))
                        .sw())
                .isEqualTo(0x9000);
    }

    @Test
    void secureMessaging_theCardChecksTheSm4MacOfSection71_withItsDamk() {
        // §7.1: MAC(MAMK, ICV 0A0B0C0D ‖ twelve 00, 04D69500090102030405) = 814891BB, computed by the host
        assertThat(SM4.secureMessagingMac(
                        h("0F1E2D3C4B5A69788796A5B4C3D2E1F0"), h("0A0B0C0D"), h("04D69500090102030405")))
                .isEqualTo(h("814891BB"));
        // the card computes the same function with its DAMK, for the vector's challenge
        Sm4Card c = new Sm4Card();
        byte[] damk = SM4.cardKey(h("0F1E2D3C4B5A69788796A5B4C3D2E1F0"), ASN);
        assertThat(damk).isEqualTo(h("654CB5E01BC21AB3C05DF1ECC5A4CE2E"));
        c.send(apdu(0x00, 0xA4, 0x04, 0x00, CardConstants.AID_PURSE, 0));
        byte[] head = h("04D6960009 0102030405"); // SFI 16 (holder data), offset 0, five bytes

        c.card.scriptRandom(h("0A0B0C0D"));
        assertThat(c.send("0084000004").hex()).isEqualTo("0A0B0C0D");
        assertThat(c.send(concat(head, CardCrypto.tdes().secureMessagingMac(damk, h("0A0B0C0D"), head)))
                        .sw())
                .as("the 3DES form of the MAC on an SM4 card")
                .isEqualTo(0x9302);
        c.card.scriptRandom(h("0A0B0C0D"));
        c.send("0084000004");
        Response update = c.send(concat(head, SM4.secureMessagingMac(damk, h("0A0B0C0D"), head)));

        assertThat(update.sw()).isEqualTo(0x9000);
        c.card.scriptRandom(h("0A0B0C0D"));
        c.send("0084000004");
        byte[] wrong = SM4.secureMessagingMac(damk, h("0A0B0C0D"), head);
        wrong[3] ^= 1;
        assertThat(c.send(concat(head, wrong)).sw()).as("one MAC bit changed").isEqualTo(0x9302);
    }

    @Test
    void internalAuthenticate_answersTheSection71Cryptogram() {
        CardFixture f = CardFixture.issued(Algorithm.SM4);
        f.selectSsse();

        Response r = f.card(apdu(0x00, 0x88, 0x00, 0x00, h("1122334455667788"), 0x08));

        assertThat(r.toString()).isEqualTo("A3B9A96D662B774D 9000");
        assertThat(f.key("MIAK")).isEqualTo(h("EFC5D6BBA8501919F7AB8E118D716E7C"));
    }

    @Test
    void diversifiedKeys_ofTheSm4DemoCard_areTheSection71Keys() {
        CardFixture f = CardFixture.issued(Algorithm.SM4);

        assertThat(f.key("MPK")).isEqualTo(h("9757FB42AAB99A3C850CA0351BAC1A96"));
        assertThat(f.key("MLK")).isEqualTo(h("EA8D3912F038DFB996191DDB287544E5"));
        assertThat(f.key("MTK")).isEqualTo(h("398CB5984BE861C86AE8F365AB806160"));
    }

    @Test
    void purchaseAndLoad_ofTheCardsOwnRandom_verifyWithTheHostSm4Crypto() {
        CardFixture f = CardFixture.issuedWithBalance(Algorithm.SM4, 1_000);

        CardFixture.Purchase p = f.purchase(400);

        assertThat(p.init().data(9, 11)).as("key version, algorithm").isEqualTo(h("0104"));
        assertThat(p.debit().sw()).isEqualTo(0x9000);
        byte[] tac = f.crypto.purchaseTac(
                f.key("MTK"),
                CardFixture.amount(400),
                (byte) 0x06,
                CardFixture.TERMINAL_BCD,
                p.ttsn(),
                CardFixture.DATE,
                CardFixture.TIME);
        assertThat(p.debit().data(0, 4)).as("TAC").isEqualTo(tac);
        assertThat(p.debit().data(4, 8))
                .as("MAC2")
                .isEqualTo(f.crypto.purchaseMac2(p.sespk(), CardFixture.amount(400)));
        assertThat(p.samCredit().sw()).isEqualTo(0x9000);
        CardFixture.Load l = f.load(2_000, true);
        assertThat(l.credit().sw()).isEqualTo(0x9000);
        assertThat(f.load(1, false).credit().sw()).as("a wrong MAC2").isEqualTo(0x9302);
        assertThat(f.balance()).isEqualTo(2_600);
    }

    @Test
    void blockAndUnblock_bySm4SecureMessaging_thePsamComputingTheBlockMacByTheCardsAlgorithm() {
        CardFixture f = CardFixture.issued(Algorithm.SM4);
        f.selectPurse();
        byte[] challenge = f.challenge(4);
        f.selectPsam();
        byte[] blockData = concat(CardCrypto.asnDiversifier(ASN), challenge, h("841E000004"));
        Response wrongAlgorithm = f.psam(apdu(0x80, 0x7A, 0x00, 0x00, blockData, 4));
        Response mac = f.psam(apdu(0x80, 0x7A, 0x04, 0x00, blockData, 4));
        assertThat(mac.sw()).isEqualTo(0x9000);
        assertThat(mac.data()).isEqualTo(SM4.secureMessagingMac(f.key("MAMK"), challenge, h("841E000004")));
        assertThat(wrongAlgorithm.data()).as("the 3DES block MAC differs").isNotEqualTo(mac.data());

        assertThat(f.card(concat(h("841E000004"), mac.data())).sw()).isEqualTo(0x9000);
        assertThat(f.selectPurse().sw()).as("blocked").isEqualTo(0x6283);
        Response unblock = f.cardSecureMessaging(0x84, 0x18, 0x00, 0x00, new byte[0], f.key("MAMK"));

        assertThat(unblock.sw()).isEqualTo(0x9000);
        assertThat(f.selectPurse().sw()).isEqualTo(0x9000);
    }

    @Test
    void pinUnblock_takesTheSm4FormOnly() {
        CardFixture f = CardFixture.issued(Algorithm.SM4);
        f.selectPurse();
        for (int i = 0; i < CardConstants.PIN_TRY_LIMIT; i++) {
            f.verifyPin("000000");
        }
        assertThat(f.verifyPin(CardFixture.PIN).sw()).isEqualTo(0x6983);
        byte[] dpuk = f.key("MPUK");

        Response tdesForm =
                f.cardSecureMessaging(0x84, 0x24, 0, 0, CardCrypto.tdes().encryptPinBlock(dpuk, "2468"), dpuk);
        Response sm4Form = f.cardSecureMessaging(0x84, 0x24, 0, 0, SM4.encryptPinBlock(dpuk, "2468"), dpuk);

        assertThat(tdesForm.sw()).as("Lc 0C on an SM4 card").isEqualTo(0x6700);
        assertThat(sm4Form.sw())
                .as("Lc 14: SM4-ECB(DPUK, PIN block ‖ 80 00 …) ‖ MAC")
                .isEqualTo(0x9000);
        assertThat(f.verifyPin("2468").sw()).isEqualTo(0x9000);
    }

    @Test
    void sm4OnlyPsam_servesSm4Cards_andRefusesA3desCardWith9403() {
        SimPersonaliser perso = SimPersonaliser.demo(Algorithm.SM4);
        SimulatedCard psam = perso.newPsam(PsamProfile.demo(), EnumSet.of(Algorithm.SM4));
        psam(psam, apdu(0x00, 0xA4, 0x04, 0x00, CardConstants.AID_PSAM, 0));
        byte[] data = concat(
                h("1A2B3C4D 0005 00000190 06 20261121 083015 01"),
                new byte[] {0x00},
                CardCrypto.asnDiversifier(ASN),
                PsamProfile.demoIssuerId());

        assertThat(psam(psam, apdu(0x80, 0x70, 0x00, 0x00, data, 0x08)).sw())
                .as("INIT SAM FOR PURCHASE of a 3DES card")
                .isEqualTo(0x9403);
        data[19] = 0x04;
        assertThat(psam(psam, apdu(0x80, 0x70, 0x00, 0x00, data, 0x08)).sw()).isEqualTo(0x9000);
        data[19] = 0x02;
        assertThat(psam(psam, apdu(0x80, 0x70, 0x00, 0x00, data, 0x08)).sw())
                .as("an algorithm outside the code table")
                .isEqualTo(0x6A80);
    }

    /** The demo 3DES keys only: a key set from before SM4. */
    private static KeySet tdesOnly() {
        KeySet demo = KeySet.demo();
        return new KeySet() {
            @Override
            public String name() {
                return "3des-only";
            }

            @Override
            public boolean isDemo() {
                return true;
            }

            @Override
            public byte keyVersion() {
                return demo.keyVersion();
            }

            @Override
            public byte[] key(String id) {
                return demo.key(id);
            }

            @Override
            public boolean has(String id) {
                return demo.has(id);
            }
        };
    }

    @Test
    void personalisers_withoutTheSm4KeysOfTheKeySet_refuseBeforeTheFirstCommand_namingTheKey() {
        Dictionary dict = Dictionary.standard();
        List<byte[]> sent = new ArrayList<>();
        ApduTransport card = command -> {
            sent.add(command);
            throw new AssertionError("no command may be sent");
        };

        assertThatThrownBy(() -> new CardPersonaliser(dict, tdesOnly(), PsamProfile.DEMO_TERMINAL_ID, Algorithm.SM4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key set 3des-only has no SM4 key MPK");
        assertThatThrownBy(() -> new PsamPersonaliser(dict, tdesOnly())
                        .personalise(card, PsamProfile.DEMO_TERMINAL_ID, EnumSet.of(Algorithm.SM4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no SM4 key");
        assertThatThrownBy(() -> new PsamPersonaliser(dict, tdesOnly())
                        .personalise(card, PsamProfile.DEMO_TERMINAL_ID, EnumSet.noneOf(Algorithm.class)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PSAM algorithms: at least one of");
        assertThat(new PsamPersonaliser(dict, tdesOnly()).availableAlgorithms()).containsExactly(Algorithm.TDES);
        assertThat(new PsamPersonaliser(dict, KeySet.demo()).availableAlgorithms())
                .containsExactly(Algorithm.TDES, Algorithm.SM4);
        assertThat(sent).isEmpty();
    }

    @Test
    void sm4Card_refusesThe3desFormsOfPersonalisationOnceItsAlgorithmIsFixed() {
        CardFixture f = CardFixture.blank(Algorithm.SM4);
        byte[] tk = f.keys.key("TK", Algorithm.SM4);
        f.selectPurse();
        byte[] challenge = f.challenge(8);
        assertThat(f.card(apdu(0x00, 0x82, 0x00, 0x00, SM4.externalAuthenticate(tk, challenge), -1))
                        .sw())
                .as("a blank card takes the SM4 form")
                .isEqualTo(0x9000);
        assertThat(f.card(concat(h("80D4000112 0104"), SM4.encryptKey(tk, f.key("MPK"))))
                        .sw())
                .isEqualTo(0x9000);

        assertThat(f.card(concat(h("80D4000212 0100"), CardCrypto.tdes().encryptKey(tk, f.key("MLK"))))
                        .sw())
                .as("a 3DES key after an SM4 one")
                .isEqualTo(0x6A80);
        assertThat(f.card(concat(h("80D4001009 03"), CardCrypto.tdes().encryptPinBlock(tk, "123456")))
                        .sw())
                .as("the 3DES PIN form")
                .isEqualTo(0x6700);
        assertThat(f.card(concat(h("80D4001011 03"), SM4.encryptPinBlock(tk, "123456")))
                        .sw())
                .isEqualTo(0x9000);
        f.selectPurse();
        challenge = f.challenge(8);
        assertThat(f.card(apdu(0x00, 0x82, 0x00, 0x00, CardCrypto.tdes().externalAuthenticate(tk, challenge), -1))
                        .sw())
                .as("EXTERNAL AUTHENTICATE 3DES form (Lc 08) once the card is SM4")
                .isEqualTo(0x6700);
    }
}
