package org.citycard.applet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citycard.applet.CardFixture.amount;
import static org.citycard.applet.CardFixture.apdu;
import static org.citycard.applet.CardFixture.concat;
import static org.citycard.applet.CardFixture.h;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Function;
import java.util.function.Supplier;
import org.citycard.applet.sim.PsamProfile;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.crypto.CardCrypto;

/**
 * The scenarios of {@link StatusWordCoverageTest}: one (command, status word) pair each, with the fresh card state
 * it needs and the command that answers it. Fixtures and command helpers shared by the catalogue files live here.
 */
final class StatusWordScenarios {
    static final Dictionary DICT = Dictionary.standard();
    static final byte[] TK = CardConstants.DEMO_TRANSPORT_KEY;
    static final byte[] INIT = concat(h("01"), amount(10), CardFixture.TERMINAL_BCD);
    static final byte[] NUMBER_RECORD = concat(h("0709"), ascii("B00000001"));

    private StatusWordScenarios() {}

    record Scenario(
            String command, int sw, String what, Supplier<CardFixture> fixture, Function<CardFixture, Response> run) {
        @Override
        public String toString() {
            return command + " " + String.format("%04X", sw) + ": " + what;
        }
    }

    static Scenario s(
            String command, int sw, String what, Supplier<CardFixture> fixture, Function<CardFixture, Response> run) {
        return new Scenario(command, sw, what, fixture, run);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    // ------------------------------------------------------------------ fixtures

    static CardFixture issued() {
        return CardFixture.issuedWithBalance(1000);
    }

    static CardFixture purse() {
        CardFixture f = issued();
        f.selectPurse();
        return f;
    }

    static CardFixture ssse() {
        CardFixture f = issued();
        f.selectSsse();
        return f;
    }

    static CardFixture psam() {
        CardFixture f = issued();
        f.selectPsam();
        return f;
    }

    static CardFixture blankPurse() {
        CardFixture f = CardFixture.blank();
        f.selectPurse();
        return f;
    }

    static CardFixture blankSsse() {
        CardFixture f = CardFixture.blank();
        f.selectSsse();
        return f;
    }

    static CardFixture blankPsam() {
        CardFixture f = CardFixture.blank();
        f.selectPsam();
        return f;
    }

    static CardFixture blankPurseAuthenticated() {
        CardFixture f = blankPurse();
        assertThat(f.card(apdu(0, 0x82, 0, 0, f.crypto.externalAuthenticate(TK, f.challenge(8)), -1))
                        .sw())
                .isEqualTo(0x9000);
        return f;
    }

    static CardFixture blankSsseAuthenticated() {
        CardFixture f = blankSsse();
        assertThat(f.card(apdu(0, 0x82, 0, 0, f.crypto.externalAuthenticate(TK, f.challenge(8)), -1))
                        .sw())
                .isEqualTo(0x9000);
        return f;
    }

    static CardFixture blankPsamAuthenticated() {
        CardFixture f = blankPsam();
        Response challenge = f.psam(apdu(0, 0x84, 0, 0, null, 8));
        assertThat(f.psam(apdu(0, 0x82, 0, 0, f.crypto.externalAuthenticate(TK, challenge.data()), -1))
                        .sw())
                .isEqualTo(0x9000);
        return f;
    }

    static CardFixture blockedPurse() {
        CardFixture f = purse();
        assertThat(f.cardSecureMessaging(0x84, 0x1E, 0, 0, new byte[0], f.key("MAMK"))
                        .sw())
                .isEqualTo(0x9000);
        f.selectPurse();
        return f;
    }

    static CardFixture pinBlocked() {
        CardFixture f = purse();
        for (int i = 0; i < 3; i++) {
            f.verifyPin("000000");
        }
        return f;
    }

    static CardFixture inPurchase(int p1) {
        CardFixture f = purse();
        assertThat(f.card(apdu(0x80, 0x50, p1, 0x02, INIT, 15)).sw()).isEqualTo(0x9000);
        return f;
    }

    static CardFixture inLoad() {
        CardFixture f = purse();
        assertThat(f.card(apdu(0x80, 0x50, 0x00, 0x02, INIT, 16)).sw()).isEqualTo(0x9000);
        return f;
    }

    static byte[] samInit(String type) {
        return concat(
                h("11223344" + "0001"),
                amount(10),
                h(type),
                CardFixture.DATE,
                CardFixture.TIME,
                h("0100"),
                CardCrypto.asnDiversifier(CardFixture.ASN),
                PsamProfile.demoIssuerId());
    }

    static CardFixture psamPending() {
        CardFixture f = psam();
        assertThat(f.psam(apdu(0x80, 0x70, 0, 0, samInit("06"), 8)).sw()).isEqualTo(0x9000);
        return f;
    }

    // ------------------------------------------------------------------ commands

    static Response sm(CardFixture f, int cla, int ins, int p1, int p2, byte[] data) {
        return f.cardSecureMessaging(cla, ins, p1, p2, data, f.key("MAMK"));
    }

    static Response smWrongKey(CardFixture f, int cla, int ins, int p1, int p2, byte[] data) {
        return f.cardSecureMessaging(cla, ins, p1, p2, data, f.key("MPK"));
    }

    static Response reloadPin(CardFixture f, byte[] pin, boolean rightKey) {
        byte[] challenge = f.challenge(4);
        byte[] mac = f.crypto.mac(f.key(rightKey ? "MRPK" : "MPK"), Arrays.copyOf(challenge, 8), pin);
        return f.card(apdu(0x80, 0x5E, 0x00, 0x00, concat(pin, mac), -1));
    }

    static Response pinUnblock(CardFixture f, byte[] plainBlock, boolean rightKey) {
        byte[] dpuk = f.key("MPUK");
        return f.cardSecureMessaging(
                0x84, 0x24, 0, 0, f.crypto.encryptEcb(dpuk, plainBlock), rightKey ? dpuk : f.key("MPK"));
    }

    static Response blockMac(CardFixture f, String header) {
        return f.psam(apdu(
                0x80, 0x7A, 0, 0, concat(CardCrypto.asnDiversifier(CardFixture.ASN), h("01020304"), h(header)), 4));
    }

    static byte[] cappRecord(int category) {
        byte[] r = new byte[32];
        r[0] = (byte) category;
        return r;
    }

    static byte[] pinBlock(String hex) {
        return h(hex);
    }

    static Response endPsamPerso(CardFixture f) {
        byte[] keys = f.crypto.encryptKey(TK, f.keys.key("MPK"));
        f.psam(concat(h("80D4001112 0100"), keys));
        f.psam(concat(h("80D4001412 0100"), f.crypto.encryptKey(TK, f.keys.key("MAMK"))));
        f.psam(concat(h("00D6960006"), h("123456789012")));
        f.psam(concat(h("00D6970008"), PsamProfile.demoIssuerId()));
        return f.psam("80E60000");
    }
}
