package org.citycard.applet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;
import org.citycard.applet.sim.CitizenProfile;
import org.citycard.applet.sim.PsamProfile;
import org.citycard.applet.sim.SimPersonaliser;
import org.citycard.applet.sim.SimulatedCard;
import org.citycard.dictionary.codec.Amounts;
import org.citycard.dictionary.codec.Bcd;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.crypto.KeySet;

/**
 * A personalised demo citizen card and PSAM, with the host side of every flow computed independently by the
 * dictionary's {@link CardCrypto} and the demo {@link KeySet}, in the profile of the card's algorithm (3DES unless
 * asked for SM4; the PSAM holds the keys of both).
 */
final class CardFixture {
    static final HexFormat HEX = HexFormat.of().withUpperCase();
    static final String ASN = CitizenProfile.DEMO_ASN;
    static final String TERMINAL = PsamProfile.DEMO_TERMINAL_ID;
    static final byte[] TERMINAL_BCD = Bcd.encode("terminal_id", TERMINAL, 6);
    static final byte[] DATE = h("20261121");
    static final byte[] TIME = h("083015");
    static final String PIN = CitizenProfile.DEMO_PIN;

    final KeySet keys = KeySet.demo();
    final Algorithm algorithm;
    final CardCrypto crypto;
    final SimPersonaliser perso;
    final SimulatedCard card;
    final SimulatedCard psam;

    private CardFixture(SimulatedCard card, SimulatedCard psam, Algorithm algorithm) {
        this.card = card;
        this.psam = psam;
        this.algorithm = algorithm;
        this.crypto = CardCrypto.of(algorithm);
        this.perso = SimPersonaliser.demo(algorithm);
    }

    /** An issued demo card and PSAM. */
    static CardFixture issued() {
        return issued(Algorithm.TDES);
    }

    /** An issued demo card whose keys are of {@code algorithm}, and a PSAM with the keys of both algorithms. */
    static CardFixture issued(Algorithm algorithm) {
        SimPersonaliser p = SimPersonaliser.demo(algorithm);
        return new CardFixture(p.newCitizenCard(CitizenProfile.demo()), p.newPsam(PsamProfile.demo()), algorithm);
    }

    /** An issued demo card with a balance, and a PSAM. */
    static CardFixture issuedWithBalance(long fen) {
        return issuedWithBalance(Algorithm.TDES, fen);
    }

    /** An issued demo card of {@code algorithm} with a balance, and a PSAM. */
    static CardFixture issuedWithBalance(Algorithm algorithm, long fen) {
        CardFixture f = issued(algorithm);
        f.perso.load(f.card, ASN, fen, TERMINAL);
        return f;
    }

    /** Blank cards in PERSONALIZATION (demo transport key). */
    static CardFixture blank() {
        return blank(Algorithm.TDES);
    }

    /** Blank cards in PERSONALIZATION (demo transport key), the host side in the profile of {@code algorithm}. */
    static CardFixture blank(Algorithm algorithm) {
        return new CardFixture(SimulatedCard.citizen(), SimulatedCard.psam(), algorithm);
    }

    static byte[] h(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    static byte[] concat(byte[]... parts) {
        return CardCrypto.concat(parts);
    }

    static byte[] amount(long fen) {
        return Amounts.toBytes("amount", fen, 4);
    }

    /** A short command APDU: header ‖ (Lc ‖ data) ‖ (Le); le -1 for none. */
    static byte[] apdu(int cla, int ins, int p1, int p2, byte[] data, int le) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(cla);
        out.write(ins);
        out.write(p1);
        out.write(p2);
        if (data != null && data.length > 0) {
            out.write(data.length);
            out.writeBytes(data);
        }
        if (le >= 0) {
            out.write(le);
        }
        return out.toByteArray();
    }

    byte[] key(String masterKey) {
        return crypto.cardKey(keys.key(masterKey, algorithm), ASN);
    }

    Response card(byte[] apdu) {
        return Response.of(card.transmit(apdu));
    }

    Response card(String hex) {
        return card(h(hex));
    }

    Response psam(byte[] apdu) {
        return Response.of(psam.transmit(apdu));
    }

    Response psam(String hex) {
        return psam(h(hex));
    }

    Response selectPurse() {
        return card(apdu(0x00, 0xA4, 0x04, 0x00, CardConstants.AID_PURSE, 0));
    }

    Response selectSsse() {
        return card(apdu(0x00, 0xA4, 0x04, 0x00, CardConstants.AID_SSSE, 0));
    }

    Response selectPsam() {
        return psam(apdu(0x00, 0xA4, 0x04, 0x00, CardConstants.AID_PSAM, 0));
    }

    long balance() {
        Response r = card("805C000204");
        assertThat(r.sw()).as("GET BALANCE").isEqualTo(0x9000);
        return Amounts.fromBytes(r.data(), 0, 4);
    }

    byte[] challenge(int length) {
        Response r = card(apdu(0x00, 0x84, 0x00, 0x00, null, length));
        assertThat(r.sw()).as("GET CHALLENGE").isEqualTo(0x9000);
        return r.data();
    }

    /** A secure-messaging command: header (Lc counting the MAC) ‖ data ‖ MAC(key, challenge ‖ 0, header ‖ Lc ‖ data). */
    byte[] secureMessaging(int cla, int ins, int p1, int p2, byte[] data, byte[] key, byte[] challenge) {
        byte[] head = concat(new byte[] {(byte) cla, (byte) ins, (byte) p1, (byte) p2, (byte) (data.length + 4)}, data);
        return concat(head, crypto.secureMessagingMac(key, Arrays.copyOf(challenge, 4), head));
    }

    /** GET CHALLENGE then the secure-messaging command on the card. */
    Response cardSecureMessaging(int cla, int ins, int p1, int p2, byte[] data, byte[] key) {
        byte[] challenge = challenge(4);
        return card(secureMessaging(cla, ins, p1, p2, data, key, challenge));
    }

    Response verifyPin(String pin) {
        return card(apdu(0x00, 0x20, 0x00, 0x00, CardCrypto.pinBcd(pin), -1));
    }

    /** The result of a purchase driven step by step, with what the host computed independently. */
    record Purchase(
            Response init,
            Response samInit,
            Response debit,
            Response samCredit,
            byte[] random,
            byte[] offlineSeq,
            byte[] ttsn,
            byte[] sespk) {}

    /** The 5-APDU purchase of CARD-SPEC §4.1 (type 06 or 09), optionally with a department record for 09. */
    Purchase purchase(long fen, byte type, byte[] departmentRecord, int departmentRecordNumber) {
        byte[] amount = amount(fen);
        assertThat(selectPurse().sw()).isEqualTo(0x9000);
        int p1 = type == CardConstants.TX_PURCHASE ? 0x01 : 0x03;
        Response init = card(apdu(0x80, 0x50, p1, 0x02, concat(new byte[] {1}, amount, TERMINAL_BCD), 0x0F));
        if (init.sw() != 0x9000) {
            return new Purchase(init, null, null, null, null, null, null, null);
        }
        byte[] offlineSeq = init.data(4, 6);
        byte[] random = init.data(11, 15);
        if (departmentRecord != null) {
            Response capp = card(apdu(0x80, 0xDC, departmentRecordNumber, 0xBC, departmentRecord, -1));
            assertThat(capp.sw()).as("UPDATE CAPP DATA CACHE").isEqualTo(0x9000);
        }
        assertThat(selectPsam().sw()).isEqualTo(0x9000);
        byte[] samData = concat(
                random,
                offlineSeq,
                amount,
                new byte[] {type},
                DATE,
                TIME,
                init.data(9, 11),
                CardCrypto.asnDiversifier(ASN),
                PsamProfile.demoIssuerId());
        Response samInit = psam(apdu(0x80, 0x70, 0x00, 0x00, samData, 0x08));
        assertThat(samInit.sw()).as("INIT SAM FOR PURCHASE").isEqualTo(0x9000);
        byte[] ttsn = samInit.data(0, 4);
        byte[] sespk = crypto.purchaseSessionKey(key("MPK"), random, offlineSeq, ttsn);
        Response debit = card(apdu(0x80, 0x54, 0x01, 0x00, concat(ttsn, DATE, TIME, samInit.data(4, 8)), 0x08));
        Response samCredit = debit.sw() == 0x9000 ? psam(apdu(0x80, 0x72, 0x00, 0x00, debit.data(4, 8), -1)) : null;
        return new Purchase(init, samInit, debit, samCredit, random, offlineSeq, ttsn, sespk);
    }

    Purchase purchase(long fen) {
        return purchase(fen, CardConstants.TX_PURCHASE, null, 0);
    }

    /** The result of a load driven step by step. */
    record Load(Response init, Response credit, byte[] seslk, byte[] balanceBefore, byte[] onlineSeq) {}

    /** INITIALIZE FOR LOAD + CREDIT FOR LOAD, the host's MAC2 computed with DLK (or a wrong one). */
    Load load(long fen, boolean correctMac2) {
        byte[] amount = amount(fen);
        assertThat(selectPurse().sw()).isEqualTo(0x9000);
        Response init = card(apdu(0x80, 0x50, 0x00, 0x02, concat(new byte[] {1}, amount, TERMINAL_BCD), 0x10));
        if (init.sw() != 0x9000) {
            return new Load(init, null, null, null, null);
        }
        byte[] seslk = crypto.loadSessionKey(key("MLK"), init.data(8, 12), init.data(4, 6));
        byte[] mac2 = crypto.loadMac2(seslk, amount, TERMINAL_BCD, DATE, TIME);
        if (!correctMac2) {
            mac2[0] ^= 1;
        }
        Response credit = card(apdu(0x80, 0x52, 0x00, 0x00, concat(DATE, TIME, mac2), 0x04));
        return new Load(init, credit, seslk, init.data(0, 4), init.data(4, 6));
    }
}
