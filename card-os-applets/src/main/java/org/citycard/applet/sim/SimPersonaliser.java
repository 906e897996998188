package org.citycard.applet.sim;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Set;
import org.citycard.applet.CardConstants;
import org.citycard.cardlink.ApduTransport;
import org.citycard.cardlink.command.CardRefusedException;
import org.citycard.cardlink.command.CreditForLoad;
import org.citycard.cardlink.command.InitializeForLoad;
import org.citycard.cardlink.command.LoadInit;
import org.citycard.cardlink.command.SelectApplication;
import org.citycard.cardlink.perso.CardAlreadyIssuedException;
import org.citycard.cardlink.perso.CardCommandException;
import org.citycard.cardlink.perso.CardPersonaliser;
import org.citycard.cardlink.perso.PersoVerificationException;
import org.citycard.cardlink.perso.PsamPersonaliser;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.codec.Bcd;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.crypto.KeySet;

/**
 * The simulator's way to ready cards: a thin caller of card-link's personalisers ({@link CardPersonaliser},
 * {@link PsamPersonaliser}), the same code the issuance tool runs, so a simulated card and a tool-made card hold the
 * same bytes in every file ({@code OnePersonalisationTest}). Works on any {@link ApduTransport}: a {@link
 * SimulatedCard} or a PC/SC channel. Keys and PINs never appear in its messages. Citizen cards get the keys of the
 * personaliser's algorithm (3DES unless chosen, or SM4, CARD-SPEC §7); a PSAM the keys of every algorithm the key set
 * has unless chosen, so that the demo's terminals serve both kinds of card.
 */
public final class SimPersonaliser {
    private final KeySet keys;
    private final byte[] transportKey;
    private final Algorithm cardAlgorithm;
    private final Dictionary dict = Dictionary.standard();

    /** A personaliser with the key set's master keys and its transport key TK (3DES cards). */
    public SimPersonaliser(KeySet keys) {
        this(keys, keys.key("TK"));
    }

    /** A personaliser with the key set's master keys and another transport key (another production batch). */
    public SimPersonaliser(KeySet keys, byte[] transportKey) {
        this(keys, transportKey, Algorithm.TDES);
    }

    /**
     * A personaliser of citizen cards of {@code cardAlgorithm}, with the key set's master keys of that algorithm and
     * the transport key {@code transportKey} (the batch's 16 bytes, used as a key of that algorithm).
     */
    public SimPersonaliser(KeySet keys, byte[] transportKey, Algorithm cardAlgorithm) {
        this.keys = keys;
        this.transportKey = transportKey.clone();
        this.cardAlgorithm = java.util.Objects.requireNonNull(cardAlgorithm, "cardAlgorithm");
    }

    /** The personaliser of the demo key set (DEMO ONLY keys of the dictionary), 3DES cards. */
    public static SimPersonaliser demo() {
        return new SimPersonaliser(KeySet.demo());
    }

    /** The personaliser of the demo key set for cards of {@code cardAlgorithm} (its demo TK of that algorithm). */
    public static SimPersonaliser demo(Algorithm cardAlgorithm) {
        KeySet demo = KeySet.demo();
        return new SimPersonaliser(demo, demo.key("TK", cardAlgorithm), cardAlgorithm);
    }

    /**
     * The personaliser of the demo key set's key version {@code version} (issue 22: 01, or the version-02 demo master
     * keys, DEMO ONLY) for cards of {@code cardAlgorithm}: its citizen cards answer INITIALIZE with that version. Its
     * PSAMs, like every personaliser's, get the master keys of every version the key set holds.
     */
    public static SimPersonaliser demo(Algorithm cardAlgorithm, int version) {
        KeySet demo = KeySet.demo();
        return new SimPersonaliser(demo.atVersion(version), demo.key("TK", cardAlgorithm), cardAlgorithm);
    }

    /** The key version of the citizen cards this personaliser makes. */
    public int keyVersion() {
        return keys.keyVersion() & 0xFF;
    }

    /** The algorithm of the citizen cards this personaliser makes. */
    public Algorithm cardAlgorithm() {
        return cardAlgorithm;
    }

    /** A new simulated citizen card, installed with this personaliser's transport key and personalised. */
    public SimulatedCard newCitizenCard(CitizenProfile profile) {
        SimulatedCard card = SimulatedCard.citizen(transportKey);
        personaliseCitizen(card, profile);
        return card;
    }

    /**
     * A new simulated PSAM, installed with this personaliser's transport key and personalised with the master keys of
     * every algorithm the key set has.
     */
    public SimulatedCard newPsam(PsamProfile profile) {
        SimulatedCard psam = SimulatedCard.psam(transportKey);
        personalisePsam(psam, profile);
        return psam;
    }

    /** A new simulated PSAM with the master keys of {@code algorithms} only. */
    public SimulatedCard newPsam(PsamProfile profile, Set<Algorithm> algorithms) {
        SimulatedCard psam = SimulatedCard.psam(transportKey);
        personalisePsam(psam, profile, algorithms);
        return psam;
    }

    /**
     * Personalises the purse and the SSSE of a citizen card and ends their personalisation, as the issuance tool
     * does: every file read back, the DLK, DEAK and DIAK proven. An applet already issued with this card's content is
     * verified, not personalised again, so this also finishes a card whose personalisation was interrupted.
     */
    public void personaliseCitizen(ApduTransport card, CitizenProfile p) {
        try {
            new CardPersonaliser(dict, withTransportKey(), PsamProfile.DEMO_TERMINAL_ID, cardAlgorithm)
                    .personalise(card, p.cardProfile(), p.pin());
        } catch (CardCommandException | CardAlreadyIssuedException | PersoVerificationException e) {
            throw new PersonalisationException(e.getMessage(), e);
        }
    }

    /** The purse of a citizen card, from the start: the whole card, an issued SSSE being verified. */
    public void personalisePurse(ApduTransport card, CitizenProfile p) {
        personaliseCitizen(card, p);
    }

    /** The SSSE of a citizen card, from the start: the whole card, an issued purse being verified. */
    public void personaliseSsse(ApduTransport card, CitizenProfile p) {
        personaliseCitizen(card, p);
    }

    /**
     * Personalises a blank PSAM (PSAM_MPK, PSAM_MAMK of every algorithm the key set has, terminal ID, issuer ID) and
     * ends its personalisation.
     */
    public void personalisePsam(ApduTransport psam, PsamProfile p) {
        personalisePsam(psam, p, new PsamPersonaliser(dict, withTransportKey()).availableAlgorithms());
    }

    /** Personalises a blank PSAM with the master keys of {@code algorithms} and ends its personalisation. */
    public void personalisePsam(ApduTransport psam, PsamProfile p, Set<Algorithm> algorithms) {
        if (!Arrays.equals(
                p.issuerId(),
                java.util.HexFormat.of().parseHex(dict.parameter("issuer_id").value()))) {
            throw new IllegalArgumentException("PSAM issuer ID: only the dictionary's issuer_id is personalised");
        }
        try {
            new PsamPersonaliser(dict, withTransportKey()).personalise(psam, p.terminalId(), algorithms);
        } catch (CardCommandException | CardAlreadyIssuedException | PersoVerificationException e) {
            throw new PersonalisationException(e.getMessage(), e);
        }
    }

    /**
     * Loads money onto an issued card as a load terminal and the clearing host together would (CARD-SPEC §4.2):
     * INITIALIZE FOR LOAD, MAC1 checked and MAC2 computed with the card's DLK from MLK of the algorithm the card
     * answers, CREDIT FOR LOAD. For tests and the demo; the real flow runs through the clearing server.
     *
     * @return the new balance in fen
     */
    public long load(ApduTransport card, String asn, long fen, String terminalId) {
        byte[] amount = org.citycard.dictionary.codec.Amounts.toBytes("amount", fen, 4);
        byte[] terminal = Bcd.encode("terminal_id", terminalId, 6);
        LoadInit init;
        try {
            SelectApplication.send(card, CardConstants.AID_PURSE);
            init = InitializeForLoad.send(card, CardConstants.CARD_KEY_INDEX, fen, terminal);
        } catch (CardRefusedException e) {
            throw new PersonalisationException(e.getMessage(), e);
        }
        byte[] balance = org.citycard.dictionary.codec.Amounts.toBytes("balance", init.balance(), 4);
        byte[] onlineSeq = {(byte) (init.onlineSeq() >> 8), (byte) init.onlineSeq()};
        Algorithm algorithm = Algorithm.fromId(init.algorithm());
        CardCrypto crypto = CardCrypto.of(algorithm);
        byte[] seslk = crypto.loadSessionKey(crypto.cardKey(keys.key("MLK", algorithm), asn), init.random(), onlineSeq);
        if (!Arrays.equals(crypto.loadMac1(seslk, balance, amount, terminal), init.mac1())) {
            throw new PersonalisationException(
                    "INITIALIZE FOR LOAD: the card's MAC1 does not verify with the key set's" + " MLK for ASN " + asn);
        }
        byte[] date = Bcd.encode("date", LocalDate.now().format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE), 4);
        byte[] time = Bcd.encode("transaction_time", "120000", 3);
        byte[] mac2 = crypto.loadMac2(seslk, amount, terminal, date, time);
        try {
            CreditForLoad.send(card, date, time, mac2);
        } catch (CardRefusedException e) {
            throw new PersonalisationException(e.getMessage(), e);
        }
        return init.balance() + fen;
    }

    /**
     * What a purchase of {@link #purchase} did: the key version and algorithm the card answered INITIALIZE with, the
     * balance before and after, the offline counter and TTSN used, and the card's TAC (checked with the key set's MTK
     * of the card's key version).
     */
    public record Purchase(
            int keyVersion, Algorithm algorithm, long balanceBefore, long balanceAfter, int offlineSeq, byte[] tac) {
        public Purchase {
            tac = tac.clone();
        }

        @Override
        public byte[] tac() {
            return tac.clone();
        }
    }

    /**
     * Buys {@code fen} with the card as a terminal with this PSAM would (CARD-SPEC §4.1, five APDUs): INITIALIZE FOR
     * PURCHASE, INIT SAM FOR PURCHASE (the PSAM derives the DPK with its MPK of the card's key version and algorithm),
     * DEBIT FOR PURCHASE, CREDIT SAM FOR PURCHASE; the TAC is checked with the MTK of the card's version (the
     * clearing server's check). For tests and the demo (issue 22: a purchase under key version 02); terminals run the
     * agent's purchase service.
     *
     * @throws PersonalisationException when the card or the PSAM refuses a step (with its status word), or the TAC
     *     does not verify
     */
    public Purchase purchase(ApduTransport card, ApduTransport psam, String asn, long fen) {
        byte[] terminal = Bcd.encode("terminal_id", PsamProfile.DEMO_TERMINAL_ID, 6);
        byte[] date = Bcd.encode("date", LocalDate.now().format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE), 4);
        byte[] time = Bcd.encode("transaction_time", "120000", 3);
        byte[] asnBcd = Bcd.encode("asn", asn, 10);
        byte[] asnRight8 = Arrays.copyOfRange(asnBcd, 2, 10);
        try {
            SelectApplication.send(psam, CardConstants.AID_PSAM);
            byte[] psamTerminal = org.citycard.cardlink.command.ReadBinary.send(
                    psam, CardConstants.SFI_PSAM_PSAM16, 0, CardConstants.LEN_TERMINAL_ID);
            SelectApplication.send(card, CardConstants.AID_PURSE);
            org.citycard.cardlink.command.PurchaseInit init = org.citycard.cardlink.command.InitializeForPurchase.send(
                    card, CardConstants.CARD_KEY_INDEX, fen, psamTerminal);
            org.citycard.cardlink.command.InitSamForPurchase.SamMac1 sam =
                    org.citycard.cardlink.command.InitSamForPurchase.send(
                            psam,
                            init.random(),
                            init.offlineSeqBytes(),
                            fen,
                            CardConstants.TX_PURCHASE,
                            date,
                            time,
                            init.keyVersion(),
                            init.algorithm(),
                            asnRight8,
                            PsamProfile.demoIssuerId());
            org.citycard.cardlink.command.DebitForPurchase.Debited debit =
                    org.citycard.cardlink.command.DebitForPurchase.send(card, sam.ttsn(), date, time, sam.mac1());
            org.citycard.cardlink.command.CreditSamForPurchase.send(psam, debit.mac2());
            Algorithm algorithm = Algorithm.fromId(init.algorithm());
            CardCrypto crypto = CardCrypto.of(algorithm);
            KeySet atCard = keys.atVersion(init.keyVersion() & 0xFF);
            byte[] dtk = crypto.cardKey(atCard.key("MTK", algorithm), asn);
            byte[] expected = crypto.purchaseTac(
                    dtk,
                    org.citycard.dictionary.codec.Amounts.toBytes("amount", fen, 4),
                    CardConstants.TX_PURCHASE,
                    psamTerminal,
                    sam.ttsn(),
                    date,
                    time);
            Arrays.fill(dtk, (byte) 0);
            if (!Arrays.equals(expected, debit.tac())) {
                throw new PersonalisationException(String.format(
                        "purchase: the card's TAC does not verify with the MTK of key version %02X for ASN %s",
                        init.keyVersion(), asn));
            }
            return new Purchase(
                    init.keyVersion() & 0xFF,
                    algorithm,
                    init.balance(),
                    init.balance() - fen,
                    init.offlineSeq(),
                    debit.tac());
        } catch (CardRefusedException e) {
            throw new PersonalisationException(e.getMessage(), e);
        }
    }

    /** The key set with this personaliser's transport key as TK. */
    private KeySet withTransportKey() {
        return new WithTransportKey(keys, transportKey);
    }

    /**
     * A key set with another TK, seen at each of its key versions with that TK too (a PSAM gets the master keys of
     * every version, issue 22).
     */
    private record WithTransportKey(KeySet master, byte[] tk) implements KeySet {
        @Override
        public String name() {
            return master.name();
        }

        @Override
        public boolean isDemo() {
            return master.isDemo();
        }

        @Override
        public byte keyVersion() {
            return master.keyVersion();
        }

        @Override
        public java.util.SortedSet<Integer> versions() {
            return master.versions();
        }

        @Override
        public KeySet atVersion(int version) {
            return new WithTransportKey(master.atVersion(version), tk);
        }

        @Override
        public byte[] key(String id) {
            return "TK".equals(id) ? tk.clone() : master.key(id);
        }

        @Override
        public boolean has(String id) {
            return "TK".equals(id) || master.has(id);
        }

        @Override
        public byte[] key(String id, Algorithm algorithm) {
            return "TK".equals(id) ? tk.clone() : master.key(id, algorithm);
        }

        @Override
        public boolean has(String id, Algorithm algorithm) {
            return "TK".equals(id) || master.has(id, algorithm);
        }

        @Override
        public String toString() {
            return "KeySet[" + master.name() + ", batch TK]";
        }
    }

    /** A step of personalisation the card refused, with its status word. Never carries a key or a PIN. */
    public static final class PersonalisationException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        public PersonalisationException(String message) {
            super(message);
        }

        public PersonalisationException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
