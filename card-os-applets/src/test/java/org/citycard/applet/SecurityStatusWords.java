package org.citycard.applet;

import static org.citycard.applet.CardFixture.apdu;
import static org.citycard.applet.CardFixture.concat;
import static org.citycard.applet.CardFixture.h;
import static org.citycard.applet.StatusWordScenarios.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.citycard.applet.StatusWordScenarios.Scenario;
import org.citycard.dictionary.crypto.CardCrypto;

/** Status-word scenarios of the PIN, personalisation, block and PSAM commands. */
final class SecurityStatusWords {
    private SecurityStatusWords() {}

    static List<Scenario> scenarios() {
        List<Scenario> l = new ArrayList<>();
        // VERIFY
        l.add(s("verify", 0x9000, "the PIN", StatusWordScenarios::ssse, f -> f.verifyPin(CardFixture.PIN)));
        l.add(s("verify", 0x63C2, "a wrong PIN", StatusWordScenarios::ssse, f -> f.verifyPin("000000")));
        l.add(s("verify", 0x6983, "a blocked PIN", StatusWordScenarios::pinBlocked, f -> f.verifyPin(CardFixture.PIN)));
        l.add(s("verify", 0x6700, "a 1-byte PIN", StatusWordScenarios::purse, f -> f.card("0020000001 12")));
        l.add(s("verify", 0x6A80, "a non-BCD PIN", StatusWordScenarios::purse, f -> f.card("0020000002 1A34")));
        l.add(s(
                "verify",
                0x6985,
                "before the PIN is installed",
                StatusWordScenarios::blankPurse,
                f -> f.verifyPin(CardFixture.PIN)));
        // GET CHALLENGE
        l.add(s("get_challenge", 0x9000, "8 bytes", StatusWordScenarios::psam, f -> f.psam("0084000008")));
        l.add(s("get_challenge", 0x6700, "5 bytes", StatusWordScenarios::purse, f -> f.card("0084000005")));
        l.add(s("get_challenge", 0x6B00, "P1 01", StatusWordScenarios::ssse, f -> f.card("0084010004")));
        // EXTERNAL AUTHENTICATE
        l.add(s(
                "external_authenticate",
                0x9000,
                "transport key",
                StatusWordScenarios::blankPsam,
                f -> f.psam(apdu(
                        0,
                        0x82,
                        0,
                        0,
                        f.crypto.externalAuthenticate(TK, f.psam("0084000008").data()),
                        -1))));
        l.add(s("external_authenticate", 0x6982, "a wrong cryptogram", StatusWordScenarios::blankPurse, f -> {
            f.challenge(8);
            return f.card("0082000008 0000000000000000");
        }));
        l.add(s("external_authenticate", 0x6983, "after the try limit", StatusWordScenarios::blankPurse, f -> {
            for (int i = 0; i < DICT.parameter("auth_try_limit").asInt(); i++) {
                f.challenge(8);
                f.card("0082000008 0000000000000000");
            }
            return f.card(apdu(0, 0x82, 0, 0, f.crypto.externalAuthenticate(TK, f.challenge(8)), -1));
        }));
        l.add(s(
                "external_authenticate",
                0x6985,
                "transport key after issuance",
                StatusWordScenarios::purse,
                f -> f.card(apdu(0, 0x82, 0, 0, f.crypto.externalAuthenticate(TK, f.challenge(8)), -1))));
        l.add(s(
                "external_authenticate",
                0x6700,
                "a 7-byte cryptogram",
                StatusWordScenarios::blankPurse,
                f -> f.card("0082000007 00000000000000")));
        l.add(s(
                "external_authenticate",
                0x6B00,
                "key reference 05",
                StatusWordScenarios::blankPurse,
                f -> f.card("0082000508 0000000000000000")));
        l.add(s(
                "external_authenticate",
                0x9403,
                "DEAK on the purse",
                StatusWordScenarios::purse,
                f -> f.card("0082000708 0000000000000000")));
        // INTERNAL AUTHENTICATE
        l.add(s(
                "internal_authenticate",
                0x9000,
                "a host challenge",
                StatusWordScenarios::ssse,
                f -> f.card("0088000008 1122334455667788 08")));
        l.add(s(
                "internal_authenticate",
                0x6700,
                "a 4-byte challenge",
                StatusWordScenarios::ssse,
                f -> f.card("0088000004 11223344 08")));
        l.add(s(
                "internal_authenticate",
                0x6985,
                "before issuance",
                StatusWordScenarios::blankSsse,
                f -> f.card("0088000008 1122334455667788 08")));
        l.add(s(
                "internal_authenticate",
                0x6B00,
                "P2 08",
                StatusWordScenarios::ssse,
                f -> f.card("0088000808 1122334455667788 08")));
        // PUT KEY
        l.add(s(
                "put_key",
                0x9000,
                "DAMK",
                StatusWordScenarios::blankSsseAuthenticated,
                f -> f.card(concat(h("80D4000412 0100"), f.crypto.encryptKey(TK, f.key("MAMK"))))));
        l.add(s(
                "put_key",
                0x6982,
                "before EXTERNAL AUTHENTICATE",
                StatusWordScenarios::blankSsse,
                f -> f.card(concat(h("80D4000412 0100"), new byte[16]))));
        l.add(s(
                "put_key",
                0x6985,
                "after issuance",
                StatusWordScenarios::ssse,
                f -> f.card(concat(h("80D4000412 0100"), new byte[16]))));
        l.add(s(
                "put_key",
                0x6700,
                "15 key bytes",
                StatusWordScenarios::blankPsamAuthenticated,
                f -> f.psam(concat(h("80D4001111 0100"), new byte[15]))));
        l.add(s(
                "put_key",
                0x6A80,
                "algorithm 02 (not in the code table)",
                StatusWordScenarios::blankPsamAuthenticated,
                f -> f.psam(concat(h("80D4001112 0102"), new byte[16]))));
        l.add(s(
                "put_key",
                0x6A80,
                "an SM4 key on a card whose first key was 3DES",
                StatusWordScenarios::blankPurseAuthenticated,
                f -> {
                    org.assertj.core.api.Assertions.assertThat(f.card(concat(h("80D4000112 0100"), new byte[16]))
                                    .sw())
                            .as("the first key, 3DES")
                            .isEqualTo(0x9000);
                    return f.card(concat(h("80D4000212 0104"), new byte[16]));
                }));
        l.add(s(
                "put_key",
                0x6B00,
                "a key the PSAM does not hold",
                StatusWordScenarios::blankPsamAuthenticated,
                f -> f.psam(concat(h("80D4000112 0100"), new byte[16]))));
        // END PERSONALIZATION
        l.add(s(
                "end_personalization",
                0x9000,
                "a complete PSAM",
                StatusWordScenarios::blankPsamAuthenticated,
                StatusWordScenarios::endPsamPerso));
        l.add(s(
                "end_personalization",
                0x6982,
                "before EXTERNAL AUTHENTICATE",
                StatusWordScenarios::blankPsam,
                f -> f.psam("80E60000")));
        l.add(s(
                "end_personalization",
                0x6985,
                "with keys missing",
                StatusWordScenarios::blankPurseAuthenticated,
                f -> f.card("80E60000")));
        // CHANGE PIN
        l.add(s(
                "change_pin",
                0x9000,
                "123456 to 2468",
                StatusWordScenarios::purse,
                f -> f.card("805E010006 123456FF2468")));
        l.add(s(
                "change_pin",
                0x63C2,
                "a wrong old PIN",
                StatusWordScenarios::purse,
                f -> f.card("805E010006 111111FF2468")));
        l.add(s(
                "change_pin",
                0x6983,
                "a blocked PIN",
                StatusWordScenarios::pinBlocked,
                f -> f.card("805E010006 123456FF2468")));
        l.add(s(
                "change_pin",
                0x6700,
                "no separator",
                StatusWordScenarios::purse,
                f -> f.card("805E010005 1234562468")));
        l.add(s(
                "change_pin",
                0x6A80,
                "a non-BCD new PIN",
                StatusWordScenarios::purse,
                f -> f.card("805E010006 123456FF24A8")));
        l.add(s(
                "change_pin",
                0x6985,
                "before issuance",
                StatusWordScenarios::blankPurse,
                f -> f.card("805E010006 123456FF2468")));
        // RELOAD PIN
        l.add(s(
                "reload_pin",
                0x9000,
                "with the DRPK MAC",
                StatusWordScenarios::pinBlocked,
                f -> reloadPin(f, h("8888"), true)));
        l.add(s(
                "reload_pin",
                0x9302,
                "MAC with another key",
                StatusWordScenarios::purse,
                f -> reloadPin(f, h("8888"), false)));
        l.add(s(
                "reload_pin",
                0x6700,
                "a 1-byte PIN",
                StatusWordScenarios::purse,
                f -> f.card("805E000005 8801020304")));
        l.add(s(
                "reload_pin",
                0x6A80,
                "a non-BCD PIN",
                StatusWordScenarios::purse,
                f -> f.card("805E000006 8A8801020304")));
        l.add(s(
                "reload_pin",
                0x6985,
                "without a challenge",
                StatusWordScenarios::purse,
                f -> f.card("805E000006 888801020304")));
        // PIN UNBLOCK
        l.add(s(
                "pin_unblock",
                0x9000,
                "a new PIN 13579",
                StatusWordScenarios::pinBlocked,
                f -> pinUnblock(f, CardCrypto.pinBlock("13579"), true)));
        l.add(s(
                "pin_unblock",
                0x9302,
                "MAC with another key",
                StatusWordScenarios::pinBlocked,
                f -> pinUnblock(f, CardCrypto.pinBlock("13579"), false)));
        l.add(s(
                "pin_unblock",
                0x6700,
                "11 data bytes",
                StatusWordScenarios::purse,
                f -> f.card("842400000B 0102030405060708090A0B")));
        l.add(s(
                "pin_unblock",
                0x6A80,
                "a malformed PIN block",
                StatusWordScenarios::pinBlocked,
                f -> pinUnblock(f, pinBlock("0712345680000000"), true)));
        l.add(s(
                "pin_unblock",
                0x6985,
                "before issuance",
                StatusWordScenarios::blankPurse,
                f -> f.card("842400000C 0102030405060708090A0B0C")));
        // APPLICATION BLOCK / UNBLOCK, CARD BLOCK
        for (String id : List.of("application_block", "card_block")) {
            int ins = id.equals("application_block") ? 0x1E : 0x16;
            l.add(s(
                    id,
                    0x9000,
                    "with the DAMK MAC",
                    StatusWordScenarios::purse,
                    f -> sm(f, 0x84, ins, 0, 0, new byte[0])));
            l.add(s(
                    id,
                    0x9302,
                    "MAC with another key",
                    StatusWordScenarios::purse,
                    f -> smWrongKey(f, 0x84, ins, 0, 0, new byte[0])));
            l.add(s(
                    id,
                    0x6985,
                    "before issuance",
                    StatusWordScenarios::blankPurse,
                    f -> f.card(apdu(0x84, ins, 0, 0, new byte[4], -1))));
            l.add(s(
                    id,
                    0x6700,
                    "5 data bytes",
                    StatusWordScenarios::purse,
                    f -> f.card(apdu(0x84, ins, 0, 0, new byte[5], -1))));
        }
        l.add(s(
                "application_unblock",
                0x9000,
                "a blocked purse",
                StatusWordScenarios::blockedPurse,
                f -> sm(f, 0x84, 0x18, 0, 0, new byte[0])));
        l.add(s(
                "application_unblock",
                0x9302,
                "MAC with another key",
                StatusWordScenarios::blockedPurse,
                f -> smWrongKey(f, 0x84, 0x18, 0, 0, new byte[0])));
        l.add(s(
                "application_unblock",
                0x6985,
                "a purse that is not blocked",
                StatusWordScenarios::purse,
                f -> sm(f, 0x84, 0x18, 0, 0, new byte[0])));
        l.add(s(
                "application_unblock",
                0x6700,
                "5 data bytes",
                StatusWordScenarios::blockedPurse,
                f -> f.card(apdu(0x84, 0x18, 0, 0, new byte[5], -1))));
        // PSAM
        l.add(s(
                "init_sam_for_purchase",
                0x9000,
                "a purchase",
                StatusWordScenarios::psam,
                f -> f.psam(apdu(0x80, 0x70, 0, 0, samInit("06"), 8))));
        l.add(s("init_sam_for_purchase", 0x9403, "another issuer", StatusWordScenarios::psam, f -> {
            byte[] d = samInit("06");
            d[d.length - 1] ^= 1;
            return f.psam(apdu(0x80, 0x70, 0, 0, d, 8));
        }));
        l.add(s(
                "init_sam_for_purchase",
                0x6985,
                "before issuance",
                StatusWordScenarios::blankPsam,
                f -> f.psam(apdu(0x80, 0x70, 0, 0, samInit("06"), 8))));
        l.add(s(
                "init_sam_for_purchase",
                0x6700,
                "35 data bytes",
                StatusWordScenarios::psam,
                f -> f.psam(apdu(0x80, 0x70, 0, 0, Arrays.copyOf(samInit("06"), 35), 8))));
        l.add(s(
                "init_sam_for_purchase",
                0x6A80,
                "type 02",
                StatusWordScenarios::psam,
                f -> f.psam(apdu(0x80, 0x70, 0, 0, samInit("02"), 8))));
        l.add(s("credit_sam_for_purchase", 0x9000, "the card's MAC2", StatusWordScenarios::issued, f -> f.purchase(10)
                .samCredit()));
        l.add(s(
                "credit_sam_for_purchase",
                0x9302,
                "a wrong MAC2",
                StatusWordScenarios::psamPending,
                f -> f.psam("8072000004 00000000")));
        l.add(s(
                "credit_sam_for_purchase",
                0x6985,
                "nothing pending",
                StatusWordScenarios::psam,
                f -> f.psam("8072000004 00000000")));
        l.add(s(
                "credit_sam_for_purchase",
                0x6700,
                "3 bytes",
                StatusWordScenarios::psamPending,
                f -> f.psam("8072000003 000000")));
        l.add(s(
                "compute_block_mac",
                0x9000,
                "APPLICATION BLOCK",
                StatusWordScenarios::psam,
                f -> blockMac(f, "841E000004")));
        l.add(s(
                "compute_block_mac",
                0x6A80,
                "APPLICATION UNBLOCK",
                StatusWordScenarios::psam,
                f -> blockMac(f, "8418000004")));
        l.add(s(
                "compute_block_mac",
                0x6985,
                "before issuance",
                StatusWordScenarios::blankPsam,
                f -> blockMac(f, "841E000004")));
        l.add(s(
                "compute_block_mac",
                0x6700,
                "16 data bytes",
                StatusWordScenarios::psam,
                f -> f.psam(apdu(0x80, 0x7A, 0, 0, new byte[16], 4))));
        l.add(s(
                "compute_block_mac",
                0x6B00,
                "P1 01, not an algorithm of the code table",
                StatusWordScenarios::psam,
                f -> f.psam(apdu(
                        0x80,
                        0x7A,
                        0x01,
                        0,
                        concat(CardCrypto.asnDiversifier(CardFixture.ASN), h("01020304"), h("841E000004")),
                        4))));
        l.add(s(
                "compute_block_mac",
                0x9403,
                "key version 03, which the PSAM does not hold",
                StatusWordScenarios::psam,
                f -> f.psam(apdu(
                        0x80,
                        0x7A,
                        0,
                        0x03,
                        concat(CardCrypto.asnDiversifier(CardFixture.ASN), h("01020304"), h("841E000004")),
                        4))));
        // PUT KEY with secure messaging (re-key, issue 22): data = version ‖ algorithm ‖ ECB(DAMK, key)
        l.add(s("put_key_sm", 0x9000, "DPK of version 02", StatusWordScenarios::purse, f -> rekeyDpk(f, 0x00, true)));
        l.add(s("put_key_sm", 0x9302, "a MAC with another key", StatusWordScenarios::purse, f -> {
            byte[] damk = f.key("MAMK");
            return smWrongKey(f, 0x84, 0xD4, 0, 1, concat(h("0200"), f.crypto.encryptKey(damk, f.key("MPK"))));
        }));
        l.add(s(
                "put_key_sm",
                0x6A80,
                "algorithm 04 on a 3DES card",
                StatusWordScenarios::purse,
                f -> rekeyDpk(f, 0x04, true)));
        l.add(s("put_key_sm", 0x6985, "before issuance", StatusWordScenarios::blankPurse, f -> rekeyDpk(f, 0, true)));
        l.add(s("put_key_sm", 0x6985, "without a challenge", StatusWordScenarios::purse, f -> rekeyDpk(f, 0, false)));
        l.add(s(
                "put_key_sm",
                0x6B00,
                "the PIN's key ID 10",
                StatusWordScenarios::purse,
                f -> sm(f, 0x84, 0xD4, 0, 0x10, new byte[18])));
        l.add(s(
                "put_key_sm",
                0x6700,
                "17 data bytes",
                StatusWordScenarios::purse,
                f -> f.card(apdu(0x84, 0xD4, 0, 1, new byte[17], -1))));
        l.add(s(
                "put_key_sm",
                0x9403,
                "on the PSAM, which has no DAMK",
                StatusWordScenarios::psam,
                f -> f.psam(apdu(0x84, 0xD4, 0, 0x11, new byte[22], -1))));
        return l;
    }

    /** PUT KEY DPK of version 02 under secure messaging with the card's DAMK (with or without a challenge first). */
    private static Response rekeyDpk(CardFixture f, int algorithm, boolean withChallenge) {
        byte[] damk = f.key("MAMK");
        byte[] data = concat(new byte[] {2, (byte) algorithm}, f.crypto.encryptKey(damk, f.key("MPK")));
        byte[] challenge = withChallenge ? f.challenge(4) : new byte[4];
        return f.card(f.secureMessaging(0x84, 0xD4, 0, 1, data, damk, challenge));
    }
}
