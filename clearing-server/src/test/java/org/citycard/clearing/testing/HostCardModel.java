package org.citycard.clearing.testing;

import java.security.MessageDigest;
import java.security.SecureRandom;
import org.citycard.clearing.ingest.RecordTypes;
import org.citycard.dictionary.codec.Amounts;
import org.citycard.dictionary.codec.Bcd;
import org.citycard.dictionary.codec.Hex;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.dictionary.record.LoadAuthorisationAnswer;
import org.citycard.dictionary.record.LoadInitAnswer;
import org.citycard.dictionary.record.OfflineRecord;

/**
 * A host-side model of a citizen card's purse: the card side of CARD-SPEC §4 computed on the host with the
 * dictionary's CardCrypto, no applet involved. Purchases produce offline records with valid TACs, loads produce
 * INITIALIZE FOR LOAD answers (MAC1) and, given the host's MAC2, TACs. For the server's tests and the benchmarks,
 * which need thousands of cards without running the applets; the card's keys are diversified from the key set's
 * master keys as personalisation does. {@code HostCardModelKnownAnswerTest} (system-tests) checks its answers
 * against the real purse applet in jCardSim.
 */
public final class HostCardModel {
    private final CardCrypto crypto;
    private final Algorithm algorithm;
    private final String asn;
    private final byte[] dlk;
    private final byte[] dtk;
    private final byte[] diak;
    private final int keyVersion;
    private final SecureRandom random = new SecureRandom();
    private long balance;
    private int offlineSeq;
    private int onlineSeq;
    private LoadSession pending;

    /** A 3DES card (algorithm 00). */
    public HostCardModel(KeySet keys, String asn, long balance, int offlineSeq, int onlineSeq) {
        this(keys, Algorithm.TDES, asn, balance, offlineSeq, onlineSeq);
    }

    /**
     * A card whose keys are of {@code algorithm} (00 3DES, or 04 SM4: CARD-SPEC §7), diversified from the key set's
     * master keys of that algorithm; its records and INITIALIZE FOR LOAD answers carry that algorithm byte.
     */
    public HostCardModel(KeySet keys, Algorithm algorithm, String asn, long balance, int offlineSeq, int onlineSeq) {
        this.crypto = CardCrypto.of(algorithm);
        this.algorithm = algorithm;
        this.asn = asn;
        this.dlk = crypto.cardKey(keys.key("MLK", algorithm), asn);
        this.dtk = crypto.cardKey(keys.key("MTK", algorithm), asn);
        this.diak = keys.has("MIAK", algorithm) ? crypto.cardKey(keys.key("MIAK", algorithm), asn) : null;
        this.keyVersion = keys.keyVersion() & 0xFF;
        this.balance = balance;
        this.offlineSeq = offlineSeq;
        this.onlineSeq = onlineSeq;
    }

    public String asn() {
        return asn;
    }

    /** The algorithm of the card's keys. */
    public Algorithm algorithm() {
        return algorithm;
    }

    /** INTERNAL AUTHENTICATE (CARD-SPEC §4.6, §7): the card's 8-byte answer to a host challenge, with its DIAK. */
    public byte[] internalAuthenticate(byte[] challenge) {
        if (diak == null) {
            throw new IllegalStateException("the key set holds no " + algorithm + " MIAK: the card has no DIAK");
        }
        return crypto.internalAuthenticate(diak, challenge);
    }

    public long balance() {
        return balance;
    }

    public int offlineSeq() {
        return offlineSeq;
    }

    public int onlineSeq() {
        return onlineSeq;
    }

    /** A purchase (type 06): debits the card and returns the uploaded record with its TAC. */
    public byte[] purchase(
            long amount, String terminalId, long ttsn, String date, String time, String department, String payee) {
        if (amount > balance) {
            throw new IllegalStateException("the card holds " + balance + " fen, less than " + amount);
        }
        byte[] amountBytes = Amounts.toBytes(amount, 4);
        byte type = (byte) Integer.parseInt(RecordTypes.PURCHASE, 16);
        byte[] tac = crypto.purchaseTac(
                dtk,
                amountBytes,
                type,
                Bcd.encode(terminalId, 6),
                Amounts.toBytes(ttsn, 4),
                Bcd.encode(date, 4),
                Bcd.encode(time, 3));
        byte[] record = OfflineRecord.of(
                        RecordTypes.PURCHASE,
                        asn,
                        offlineSeq,
                        balance,
                        amount,
                        terminalId,
                        ttsn,
                        date,
                        time,
                        Hex.of(tac),
                        keyVersion,
                        algorithm.id() & 0xFF,
                        department,
                        payee)
                .bytes();
        balance -= amount;
        offlineSeq++;
        return record;
    }

    /** INITIALIZE FOR LOAD: field 48 of the 0100 (balance, online seq, key version, algorithm, random, MAC1). */
    public byte[] initializeForLoad(long amount, String terminalId) {
        byte[] rnd = new byte[4];
        random.nextBytes(rnd);
        return initializeForLoad(amount, terminalId, rnd);
    }

    /** INITIALIZE FOR LOAD with the card's random given (a known-answer test replays a real card's). */
    public byte[] initializeForLoad(long amount, String terminalId, byte[] rnd) {
        byte[] seq = Amounts.toBytes(onlineSeq, 2);
        byte[] seslk = crypto.loadSessionKey(dlk, rnd, seq);
        byte[] mac1 = crypto.loadMac1(
                seslk, Amounts.toBytes(balance, 4), Amounts.toBytes(amount, 4), Bcd.encode(terminalId, 6));
        pending = new LoadSession(amount, terminalId, seslk);
        return new LoadInitAnswer(balance, onlineSeq, keyVersion, algorithm.id() & 0xFF, Hex.of(rnd), Hex.of(mac1))
                .bytes();
    }

    /**
     * CREDIT FOR LOAD with the host's field 48 (MAC2 ‖ date ‖ time): verifies MAC2, credits, returns the TAC.
     *
     * @throws IllegalStateException when MAC2 does not verify (the card would answer 9302 and change nothing)
     */
    public byte[] creditForLoad(byte[] hostData) {
        LoadSession s = pending;
        if (s == null) {
            throw new IllegalStateException("no INITIALIZE FOR LOAD before CREDIT FOR LOAD");
        }
        LoadAuthorisationAnswer answer = LoadAuthorisationAnswer.decode(hostData);
        byte[] mac2 = answer.field("mac2");
        byte[] date = answer.field("transaction_date");
        byte[] time = answer.field("transaction_time");
        byte[] terminal = Bcd.encode(s.terminalId, 6);
        byte[] amount = Amounts.toBytes(s.amount, 4);
        byte[] expected = crypto.loadMac2(s.seslk, amount, terminal, date, time);
        if (!MessageDigest.isEqual(expected, mac2)) {
            throw new IllegalStateException("MAC2 invalid (9302)");
        }
        balance += s.amount;
        byte[] seq = Amounts.toBytes(onlineSeq, 2);
        onlineSeq++;
        pending = null;
        return crypto.loadTac(dtk, Amounts.toBytes(balance, 4), seq, amount, terminal, date, time);
    }

    private record LoadSession(long amount, String terminalId, byte[] seslk) {}

    @Override
    public String toString() {
        return "HostCardModel[" + asn + ", " + algorithm + "]";
    }
}
