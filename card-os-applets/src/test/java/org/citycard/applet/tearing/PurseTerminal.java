package org.citycard.applet.tearing;

import java.util.Arrays;
import org.citycard.applet.CardConstants;
import org.citycard.applet.sim.CitizenProfile;
import org.citycard.applet.sim.PsamProfile;
import org.citycard.applet.sim.SimPersonaliser;
import org.citycard.cardlink.ApduTransport;
import org.citycard.dictionary.codec.Amounts;
import org.citycard.dictionary.codec.Bcd;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.crypto.KeySet;

/**
 * The terminal and host side of the purse commands (CARD-SPEC §4), for tearing tests: purchases through a real PSAM,
 * loads with the host's MAC2, GET TRANSACTION PROVE, PIN and block commands with their MACs, every host value
 * computed by the dictionary's {@link CardCrypto} from the key set. Each money flow is split where a tear matters:
 * the attempt (what the terminal knows before the last command) is returned before the command that writes.
 */
public final class PurseTerminal {
    /** Transaction date and time every flow uses. */
    public static final byte[] DATE = {0x20, 0x26, 0x11, 0x21};

    public static final byte[] TIME = {0x08, 0x30, 0x15};

    private final ApduTransport card;
    private final ApduTransport psam;
    private final CitizenProfile holder;
    private final KeySet keys;
    private final Algorithm algorithm;
    private final CardCrypto crypto;
    private final byte[] terminalId = Bcd.encode("terminal_id", PsamProfile.DEMO_TERMINAL_ID, 6);

    /** A terminal for a 3DES card. */
    public PurseTerminal(ApduTransport card, ApduTransport psam, CitizenProfile holder, KeySet keys) {
        this(card, psam, holder, keys, Algorithm.TDES);
    }

    /** A terminal for a card whose keys are of {@code algorithm}: the host side computes in its profile. */
    public PurseTerminal(
            ApduTransport card, ApduTransport psam, CitizenProfile holder, KeySet keys, Algorithm algorithm) {
        this.card = card;
        this.psam = psam;
        this.holder = holder;
        this.keys = keys;
        this.algorithm = algorithm;
        this.crypto = CardCrypto.of(algorithm);
    }

    /** A terminal with a new demo PSAM (terminal 123456789012) for the demo citizen's card, demo key set. */
    public static PurseTerminal demo(ApduTransport card) {
        return demo(card, Algorithm.TDES);
    }

    /**
     * A terminal with a new demo PSAM holding the keys of both algorithms, for the demo citizen's card of {@code
     * algorithm}.
     */
    public static PurseTerminal demo(ApduTransport card, Algorithm algorithm) {
        SimPersonaliser perso = SimPersonaliser.demo();
        return new PurseTerminal(
                card, perso.newPsam(PsamProfile.demo()), CitizenProfile.demo(), KeySet.demo(), algorithm);
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    public ApduTransport card() {
        return card;
    }

    public CitizenProfile holder() {
        return holder;
    }

    public CardCrypto crypto() {
        return crypto;
    }

    public byte[] terminalId() {
        return terminalId.clone();
    }

    /** The card's key diversified from master key {@code masterKeyId} ("MPK", "MTK", …). */
    public byte[] cardKey(String masterKeyId) {
        return crypto.cardKey(keys.key(masterKeyId, algorithm), holder.asn());
    }

    public static byte[] amount(long fen) {
        return Amounts.toBytes("amount", fen, 4);
    }

    public CardAnswer send(byte[] command) {
        return CardAnswer.of(card.transmit(command));
    }

    private CardAnswer sam(byte[] command) {
        return CardAnswer.of(psam.transmit(command));
    }

    public CardAnswer select(byte[] aid) {
        return send(CardAnswer.command(0x00, 0xA4, 0x04, 0x00, aid, 0));
    }

    public CardAnswer selectPurse() {
        return select(CardConstants.AID_PURSE);
    }

    // ------------------------------------------------------------------ purchase (§4.1)

    /** What the terminal knows of a purchase before DEBIT FOR PURCHASE: enough to ask for its proof later. */
    public record PurchaseAttempt(
            long amount, byte type, byte[] offlineSeq, byte[] random, byte[] ttsn, byte[] sespk, byte[] mac1) {}

    /**
     * SELECT, INITIALIZE FOR (CAPP) PURCHASE, for type 09 UPDATE CAPP DATA CACHE of {@code record}, and INIT SAM FOR
     * PURCHASE: the attempt, ready for {@link #debit}.
     */
    public PurchaseAttempt initializePurchase(long fen, byte type, int recordNumber, byte[] record) {
        selectPurse().require("SELECT purse");
        byte[] amount = amount(fen);
        int p1 = type == CardConstants.TX_PURCHASE ? 0x01 : 0x03;
        byte[] init = send(CardAnswer.command(
                        0x80, 0x50, p1, 0x02, CardCrypto.concat(new byte[] {1}, amount, terminalId), 0x0F))
                .require("INITIALIZE FOR PURCHASE");
        byte[] offlineSeq = Arrays.copyOfRange(init, 4, 6);
        byte[] random = Arrays.copyOfRange(init, 11, 15);
        if (record != null) {
            send(CardAnswer.command(0x80, 0xDC, recordNumber, 0xBC, record, -1)).require("UPDATE CAPP DATA CACHE");
        }
        sam(CardAnswer.command(0x00, 0xA4, 0x04, 0x00, CardConstants.AID_PSAM, 0))
                .require("SELECT PSAM");
        byte[] samData = CardCrypto.concat(
                random,
                offlineSeq,
                amount,
                new byte[] {type},
                DATE,
                TIME,
                Arrays.copyOfRange(init, 9, 11),
                CardCrypto.asnDiversifier(holder.asn()),
                PsamProfile.demoIssuerId());
        byte[] samInit =
                sam(CardAnswer.command(0x80, 0x70, 0x00, 0x00, samData, 0x08)).require("INIT SAM FOR PURCHASE");
        byte[] ttsn = Arrays.copyOf(samInit, 4);
        byte[] sespk = crypto.purchaseSessionKey(cardKey("MPK"), random, offlineSeq, ttsn);
        return new PurchaseAttempt(fen, type, offlineSeq, random, ttsn, sespk, Arrays.copyOfRange(samInit, 4, 8));
    }

    /** DEBIT FOR PURCHASE of the attempt: TAC ‖ MAC2 with 9000. */
    public CardAnswer debit(PurchaseAttempt a) {
        return send(
                CardAnswer.command(0x80, 0x54, 0x01, 0x00, CardCrypto.concat(a.ttsn(), DATE, TIME, a.mac1()), 0x08));
    }

    /** CREDIT SAM FOR PURCHASE: true when the PSAM accepts MAC2 (once per INIT SAM FOR PURCHASE). */
    public boolean creditSam(byte[] mac2) {
        return sam(CardAnswer.command(0x80, 0x72, 0x00, 0x00, mac2, -1)).ok();
    }

    /** A whole purchase of type 06; the TAC ‖ MAC2 answer. */
    public CardAnswer purchase(long fen) {
        return debit(initializePurchase(fen, CardConstants.TX_PURCHASE, 0, null));
    }

    /** Null when {@code mac2AndTac} (as GET TRANSACTION PROVE answers it) is the purchase's, else what is wrong. */
    public String purchaseProofProblem(PurchaseAttempt a, byte[] mac2AndTac) {
        byte[] amount = amount(a.amount());
        byte[] mac2 = crypto.purchaseMac2(a.sespk(), amount);
        byte[] tac = crypto.purchaseTac(cardKey("MTK"), amount, a.type(), terminalId, a.ttsn(), DATE, TIME);
        return proofProblem(mac2, tac, mac2AndTac);
    }

    // ------------------------------------------------------------------ load (§4.2)

    /** What the terminal and host know of a load before CREDIT FOR LOAD. */
    public record LoadAttempt(long amount, long balanceBefore, byte[] onlineSeq, byte[] mac2) {}

    /** SELECT, INITIALIZE FOR LOAD, MAC1 checked and MAC2 computed as the host does: the attempt. */
    public LoadAttempt initializeLoad(long fen) {
        selectPurse().require("SELECT purse");
        byte[] amount = amount(fen);
        byte[] init = send(CardAnswer.command(
                        0x80, 0x50, 0x00, 0x02, CardCrypto.concat(new byte[] {1}, amount, terminalId), 0x10))
                .require("INITIALIZE FOR LOAD");
        byte[] balance = Arrays.copyOf(init, 4);
        byte[] onlineSeq = Arrays.copyOfRange(init, 4, 6);
        byte[] seslk = crypto.loadSessionKey(cardKey("MLK"), Arrays.copyOfRange(init, 8, 12), onlineSeq);
        if (!Arrays.equals(crypto.loadMac1(seslk, balance, amount, terminalId), Arrays.copyOfRange(init, 12, 16))) {
            throw new IllegalStateException("INITIALIZE FOR LOAD: the card's MAC1 does not verify");
        }
        byte[] mac2 = crypto.loadMac2(seslk, amount, terminalId, DATE, TIME);
        return new LoadAttempt(fen, Amounts.fromBytes(balance, 0, 4), onlineSeq, mac2);
    }

    /** CREDIT FOR LOAD of the attempt: TAC with 9000. */
    public CardAnswer credit(LoadAttempt a) {
        return send(CardAnswer.command(0x80, 0x52, 0x00, 0x00, CardCrypto.concat(DATE, TIME, a.mac2()), 0x04));
    }

    /** Null when {@code mac2AndTac} is the load's proof: the host's MAC2 and the card's TAC of the new balance. */
    public String loadProofProblem(LoadAttempt a, byte[] mac2AndTac) {
        byte[] tac = crypto.loadTac(
                cardKey("MTK"),
                amount(a.balanceBefore() + a.amount()),
                a.onlineSeq(),
                amount(a.amount()),
                terminalId,
                DATE,
                TIME);
        return proofProblem(a.mac2(), tac, mac2AndTac);
    }

    private static String proofProblem(byte[] mac2, byte[] tac, byte[] mac2AndTac) {
        if (mac2AndTac.length != 8) {
            return "the proof has " + mac2AndTac.length + " bytes, not MAC2(4) ‖ TAC(4)";
        }
        if (!Arrays.equals(mac2, Arrays.copyOf(mac2AndTac, 4))) {
            return "the proof's MAC2 does not verify with CardCrypto";
        }
        if (!Arrays.equals(tac, Arrays.copyOfRange(mac2AndTac, 4, 8))) {
            return "the proof's TAC does not verify with CardCrypto";
        }
        return null;
    }

    /** GET TRANSACTION PROVE {@code 80 5A 00 type 02 seq}. */
    public CardAnswer prove(byte type, byte[] seq) {
        return send(CardAnswer.command(0x80, 0x5A, 0x00, type, seq, 0x08));
    }

    // ------------------------------------------------------------------ PIN (§4.3)

    /** VERIFY; the status word. */
    public int verify(String pin) {
        return send(CardAnswer.command(0x00, 0x20, 0x00, 0x00, CardCrypto.pinBcd(pin), -1))
                .sw();
    }

    /** The tries left from VERIFY without data: x of 63Cx, 0 when blocked, -1 without a PIN, 99 when verified. */
    public int pinTries() {
        int sw = send(CardAnswer.command(0x00, 0x20, 0x00, 0x00, null, -1)).sw();
        if ((sw & 0xFFF0) == 0x63C0) {
            return sw & 0x0F;
        }
        return sw == 0x6983 ? 0 : sw == 0x9000 ? 99 : -1;
    }

    /** CHANGE PIN {@code 80 5E 01 00} old ‖ FF ‖ new; the status word. */
    public int changePin(String oldPin, String newPin) {
        byte[] data = CardCrypto.concat(CardCrypto.pinBcd(oldPin), new byte[] {(byte) 0xFF}, CardCrypto.pinBcd(newPin));
        return send(CardAnswer.command(0x80, 0x5E, 0x01, 0x00, data, -1)).sw();
    }

    /** RELOAD PIN {@code 80 5E 00 00} new PIN ‖ MAC(DRPK, challenge ‖ 00000000, new PIN); the status word. */
    public int reloadPin(String newPin) {
        byte[] challenge =
                send(CardAnswer.command(0x00, 0x84, 0x00, 0x00, null, 4)).require("GET CHALLENGE");
        byte[] pin = CardCrypto.pinBcd(newPin);
        byte[] mac = crypto.mac(cardKey("MRPK"), java.util.Arrays.copyOf(challenge, crypto.blockSize()), pin);
        return send(CardAnswer.command(0x80, 0x5E, 0x00, 0x00, CardCrypto.concat(pin, mac), -1))
                .sw();
    }

    /** PIN UNBLOCK {@code 84 24}: the new PIN block under DPUK, MAC with DPUK; the status word. */
    public int unblockPin(String newPin) {
        byte[] dpuk = cardKey("MPUK");
        return secureMessaging(0x84, 0x24, crypto.encryptPinBlock(dpuk, newPin), dpuk)
                .sw();
    }

    // ------------------------------------------------------------------ blocks (§4.3)

    public int blockApplication() {
        return secureMessaging(0x84, 0x1E, new byte[0], cardKey("MAMK")).sw();
    }

    public int unblockApplication() {
        return secureMessaging(0x84, 0x18, new byte[0], cardKey("MAMK")).sw();
    }

    public int blockCard() {
        return secureMessaging(0x84, 0x16, new byte[0], cardKey("MAMK")).sw();
    }

    /**
     * UPDATE BINARY ({@code ins} D6) or UPDATE RECORD (DC) of an issued card's file with secure messaging (§4.4,
     * MAC with DAMK) in the selected application; the answer.
     */
    public CardAnswer updateWithSecureMessaging(int ins, int p1, int p2, byte[] data) {
        return secureMessaging(0x04, ins, p1, p2, data, cardKey("MAMK"));
    }

    private CardAnswer secureMessaging(int cla, int ins, byte[] data, byte[] key) {
        return secureMessaging(cla, ins, 0x00, 0x00, data, key);
    }

    /** GET CHALLENGE, then {@code cla ins p1 p2} with data ‖ MAC(key, challenge ‖ 0, header ‖ Lc ‖ data). */
    private CardAnswer secureMessaging(int cla, int ins, int p1, int p2, byte[] data, byte[] key) {
        byte[] challenge =
                send(CardAnswer.command(0x00, 0x84, 0x00, 0x00, null, 4)).require("GET CHALLENGE");
        byte[] head = CardCrypto.concat(
                new byte[] {(byte) cla, (byte) ins, (byte) p1, (byte) p2, (byte) (data.length + 4)}, data);
        return send(CardCrypto.concat(head, crypto.secureMessagingMac(key, challenge, head)));
    }
}
