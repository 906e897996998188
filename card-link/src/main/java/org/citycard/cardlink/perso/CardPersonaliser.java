package org.citycard.cardlink.perso;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.citycard.cardlink.ApduTransport;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.codec.Amounts;
import org.citycard.dictionary.codec.Bcd;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.crypto.KeyDefinition;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.dictionary.record.LoadInitAnswer;

/**
 * Personalises a citizen card (purse, then SSSE) as CARD-SPEC §4.5 says: SELECT, GET CHALLENGE, EXTERNAL
 * AUTHENTICATE with the batch's transport key, PUT KEY of every card key diversified from the issuer master keys,
 * the initial PIN, plain UPDATE of every file; then every file is read back and compared, END PERSONALIZATION, and
 * three keys are proven by use (DLK through INITIALIZE FOR LOAD's MAC1, DEAK through terminal authentication, DIAK
 * through INTERNAL AUTHENTICATE of a random challenge).
 *
 * <p>Every key of a card has one algorithm, chosen per card ({@link Algorithm#TDES} or {@link Algorithm#SM4},
 * CARD-SPEC §3, §7): its PUT KEYs carry that algorithm ID, the keys are diversified from the key set's master keys of
 * that algorithm, and EXTERNAL AUTHENTICATE, the PIN block and the key proofs use its profile.
 *
 * <p>An applet already ISSUED is not personalised again: its files are read and compared with what this card should
 * hold. So a card torn in the middle (its applets still in PERSONALIZATION) is simply done again, and a card that
 * was finished before an interruption is recognised and verified, never personalised twice.
 */
public final class CardPersonaliser {
    /** Card keys of each applet (keys.yaml ids), in the order they are put. */
    public static final List<String> PURSE_KEYS = List.of("DPK", "DLK", "DTK", "DAMK", "DPUK", "DRPK");

    public static final List<String> SSSE_KEYS = List.of("DAMK", "DEAK", "DIAK");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Dictionary dict;
    private final KeySet keys;
    private final CardCommands commands;
    private final CardImages images;
    private final Algorithm algorithm;
    private final CardCrypto crypto;
    private final String terminalId;

    /**
     * A personaliser of 3DES cards.
     *
     * @param terminalId the issuance workstation's terminal ID, used in the DLK check (INITIALIZE FOR LOAD, no
     *     money moves)
     */
    public CardPersonaliser(Dictionary dict, KeySet keys, String terminalId) {
        this(dict, keys, terminalId, Algorithm.TDES);
    }

    /**
     * A personaliser of cards whose keys are all of {@code algorithm}.
     *
     * @throws IllegalArgumentException naming the algorithm and the key (never a value) when the key set lacks an
     *     SM4 master key or transport key
     */
    public CardPersonaliser(Dictionary dict, KeySet keys, String terminalId, Algorithm algorithm) {
        this.dict = dict;
        this.keys = keys;
        this.commands = new CardCommands(dict);
        this.images = new CardImages(dict);
        this.terminalId = terminalId;
        this.algorithm = java.util.Objects.requireNonNull(algorithm, "algorithm");
        this.crypto = CardCrypto.of(algorithm);
        if (algorithm != Algorithm.TDES) { // a 3DES key set is checked card by card, as before SM4
            for (String keyId : concat(PURSE_KEYS, SSSE_KEYS)) {
                requireKey(keys, dict.keys().key(keyId).orElseThrow().masterKey(), algorithm);
            }
            requireKey(keys, "TK", algorithm);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static void requireKey(KeySet keys, String id, Algorithm algorithm) {
        if (!keys.has(id, algorithm)) {
            throw new IllegalArgumentException("key set " + keys.name() + " has no " + algorithm + " key " + id
                    + ": personalising " + algorithm + " cards needs the master keys and the transport key of "
                    + algorithm);
        }
    }

    /** The algorithm of the cards this personaliser makes. */
    public Algorithm algorithm() {
        return algorithm;
    }

    /** How an applet ended up. */
    public enum AppletOutcome {
        /** Personalised now, read back and ended. */
        PERSONALISED,
        /** Found already issued with this card's content (finished before an interruption) and verified. */
        VERIFIED_EXISTING
    }

    /** The outcome for a card. */
    public record Outcome(String asn, AppletOutcome purse, AppletOutcome ssse, int filesVerified) {
        public boolean personalisedNow() {
            return purse == AppletOutcome.PERSONALISED || ssse == AppletOutcome.PERSONALISED;
        }
    }

    /**
     * The initial PIN: with the demo key set the dictionary's demo PIN; otherwise a random one nobody learns (the
     * holder chooses theirs at distribution with RELOAD PIN).
     */
    public String initialPin() {
        if (keys.isDemo()) {
            return dict.parameter("default_pin").value();
        }
        int min = dict.parameter("pin_max_bytes").asInt() * 2;
        StringBuilder sb = new StringBuilder(min);
        for (int i = 0; i < min; i++) {
            sb.append((char) ('0' + RANDOM.nextInt(10)));
        }
        return sb.toString();
    }

    /**
     * Personalises (or recognises) one citizen card.
     *
     * @throws CardCommandException when the card refuses a step
     * @throws CardAlreadyIssuedException when the card is issued with other content (another card)
     * @throws PersoVerificationException when a file read back differs or a key does not prove
     */
    public Outcome personalise(ApduTransport transport, CardProfile profile, String initialPin) {
        CardLink link = new CardLink(transport);
        byte[] tk = keys.key("TK", algorithm);
        try {
            int[] verified = {0};
            AppletOutcome purse =
                    applet(link, tk, "purse", images.purse(profile), PURSE_KEYS, profile.asn(), initialPin, verified);
            proveLoadKey(link, profile.asn());
            AppletOutcome ssse =
                    applet(link, tk, "ssse", images.ssse(profile), SSSE_KEYS, profile.asn(), null, verified);
            proveTerminalKey(link, profile.asn());
            proveInternalAuthenticationKey(link, profile.asn());
            return new Outcome(profile.asn(), purse, ssse, verified[0]);
        } finally {
            Arrays.fill(tk, (byte) 0);
        }
    }

    private AppletOutcome applet(
            CardLink link,
            byte[] tk,
            String appletId,
            List<FileImage> files,
            List<String> keyIds,
            String asn,
            String pin,
            int[] verified) {
        byte[] aid = dict.application(appletId).aidBytes();
        link.send(appletId + ": SELECT", commands.select(aid));
        byte[] challenge = link.send(appletId + ": GET CHALLENGE", commands.getChallenge(8));
        CardLink.Response auth =
                link.exchange(commands.externalAuthenticate(keyRef("TK"), crypto.externalAuthenticate(tk, challenge)));
        if (auth.sw() == 0x6985) {
            verifyIssued(link, appletId, files, asn, verified);
            return AppletOutcome.VERIFIED_EXISTING;
        }
        if (!auth.ok()) {
            throw new CardCommandException(
                    appletId + ": EXTERNAL AUTHENTICATE with the transport key", "external_authenticate", auth.sw());
        }
        for (String keyId : keyIds) {
            byte[] key = cardKey(keyId, asn);
            try {
                link.send(
                        appletId + ": PUT KEY " + keyId,
                        commands.putKey(keyRef(keyId), keys.keyVersion(), algorithm.id(), crypto.encryptKey(tk, key)));
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        }
        if (pin != null) {
            byte[] block = CardCrypto.pinBlock(pin);
            try {
                link.send(
                        appletId + ": PUT KEY PIN",
                        commands.putPin(
                                keyRef("PIN"),
                                dict.parameter("pin_try_limit").asInt(),
                                crypto.encryptEightByteBlock(tk, block)));
            } finally {
                Arrays.fill(block, (byte) 0);
            }
        }
        for (FileImage f : files) {
            link.send(
                    appletId + ": UPDATE " + f.label(),
                    f.isRecord()
                            ? commands.updateRecord(f.sfi(), f.record(), f.content())
                            : commands.updateBinary(f.sfi(), 0, f.content()));
        }
        for (FileImage f : files) {
            compare(f, read(link, f));
            verified[0]++;
        }
        link.send(appletId + ": END PERSONALIZATION", commands.endPersonalization());
        return AppletOutcome.PERSONALISED;
    }

    /** An issued applet: its freely readable files must be this card's; the SSSE's protected ones after DEAK. */
    private void verifyIssued(CardLink link, String appletId, List<FileImage> files, String asn, int[] verified) {
        FileImage first = files.get(0);
        byte[] onCard = read(link, first);
        if (!Arrays.equals(onCard, first.content())) {
            throw new CardAlreadyIssuedException(
                    appletId + " of this card is already issued with other content in " + first.label()
                            + "; it is not the card of ASN " + asn + ": insert a blank card or the card of this ASN");
        }
        if (appletId.equals("ssse")) {
            authenticateTerminal(link, asn);
        }
        for (FileImage f : files) {
            if (readableWhenIssued(f)) {
                compare(f, read(link, f));
                verified[0]++;
            }
        }
    }

    private boolean readableWhenIssued(FileImage f) {
        String read =
                dict.application(f.applet()).file(f.fileId()).orElseThrow().read();
        return read.equals("free") || (f.applet().equals("ssse") && read.equals("pin-or-terminal-auth"));
    }

    private byte[] read(CardLink link, FileImage f) {
        return link.send(
                f.applet() + ": READ " + f.label(),
                f.isRecord()
                        ? commands.readRecord(f.sfi(), f.record(), f.content().length)
                        : commands.readBinary(f.sfi(), 0, f.content().length));
    }

    private static void compare(FileImage f, byte[] read) {
        if (!Arrays.equals(read, f.content())) {
            throw new PersoVerificationException(f.label() + " read back differs from what was written ("
                    + read.length + " bytes read, " + f.content().length + " written, first difference at byte "
                    + Arrays.mismatch(read, f.content()) + ")");
        }
    }

    /** DLK: INITIALIZE FOR LOAD of 1 fen answers a MAC1 that only the right DLK produces; no money moves. */
    private void proveLoadKey(CardLink link, String asn) {
        link.send("purse: SELECT", commands.select(dict.application("purse").aidBytes()));
        byte[] amount = Amounts.toBytes("amount", 1, 4);
        byte[] terminal = Bcd.encode("terminal_id", terminalId, 6);
        byte keyIndex = HexFormat.of().parseHex(dict.parameter("card_key_index").value())[0];
        byte[] r = link.send(
                "purse: INITIALIZE FOR LOAD (key check)", commands.initializeForLoad(keyIndex, amount, terminal));
        byte[] dlk = cardKey("DLK", asn);
        try {
            LoadInitAnswer init = LoadInitAnswer.decode(r);
            byte[] seslk = crypto.loadSessionKey(dlk, init.field("random"), init.field("online_seq"));
            byte[] mac1 = crypto.loadMac1(seslk, init.field("balance"), amount, terminal);
            if (!Arrays.equals(mac1, init.field("mac1"))) {
                throw new PersoVerificationException(
                        "purse: the card's DLK does not produce the MAC1 expected for ASN " + asn);
            }
            if (init.algorithmId() != (algorithm.id() & 0xFF)) {
                throw new PersoVerificationException("purse: the card answers algorithm "
                        + String.format("%02X", init.algorithmId()) + ", " + algorithm + " ("
                        + algorithm.code() + ") expected for ASN " + asn);
            }
            if (init.keyVersion() != (keys.keyVersion() & 0xFF)) {
                throw new PersoVerificationException("purse: key version " + String.format("%02X", init.keyVersion())
                        + " on the card, " + String.format("%02X", keys.keyVersion()) + " expected");
            }
        } finally {
            Arrays.fill(dlk, (byte) 0);
        }
    }

    /** DEAK: the SSSE accepts terminal authentication with the card's DEAK. */
    private void proveTerminalKey(CardLink link, String asn) {
        link.send("ssse: SELECT", commands.select(dict.application("ssse").aidBytes()));
        authenticateTerminal(link, asn);
    }

    /** DIAK: the SSSE answers INTERNAL AUTHENTICATE of a random challenge as the clearing server will expect. */
    private void proveInternalAuthenticationKey(CardLink link, String asn) {
        byte[] challenge = new byte[8];
        RANDOM.nextBytes(challenge);
        byte[] answer = link.send("ssse: INTERNAL AUTHENTICATE (key check)", commands.internalAuthenticate(challenge));
        byte[] diak = cardKey("DIAK", asn);
        try {
            if (!crypto.internalAuthenticateMatches(diak, challenge, answer)) {
                throw new PersoVerificationException(
                        "ssse: INTERNAL AUTHENTICATE does not answer with the DIAK of ASN " + asn);
            }
        } finally {
            Arrays.fill(diak, (byte) 0);
        }
    }

    private void authenticateTerminal(CardLink link, String asn) {
        byte[] challenge = link.send("ssse: GET CHALLENGE", commands.getChallenge(8));
        byte[] deak = cardKey("DEAK", asn);
        try {
            CardLink.Response r = link.exchange(
                    commands.externalAuthenticate(keyRef("DEAK"), crypto.externalAuthenticate(deak, challenge)));
            if (!r.ok()) {
                throw new PersoVerificationException("ssse: terminal authentication with DEAK refused ("
                        + String.format("%04X", r.sw()) + "): the card's DEAK is not the one of ASN " + asn);
            }
        } finally {
            Arrays.fill(deak, (byte) 0);
        }
    }

    /** A card key: its master key diversified with the ASN (keys.yaml). */
    private byte[] cardKey(String keyId, String asn) {
        KeyDefinition k = dict.keys().key(keyId).orElseThrow();
        byte[] master = keys.key(k.masterKey(), algorithm);
        try {
            return crypto.cardKey(master, asn);
        } finally {
            Arrays.fill(master, (byte) 0);
        }
    }

    private int keyRef(String keyId) {
        return Integer.parseInt(dict.keys().key(keyId).orElseThrow().keyId(), 16);
    }
}
