package org.citycard.clearing.testing;

import java.security.MessageDigest;
import java.security.SecureRandom;
import org.citycard.clearing.ingest.RecordTypes;
import org.citycard.dictionary.codec.Amounts;
import org.citycard.dictionary.codec.Bcd;
import org.citycard.dictionary.codec.Hex;
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
    private static final CardCrypto CRYPTO = CardCrypto.tdes();

    private final String asn;
    private final byte[] dlk;
    private final byte[] dtk;
    private final int keyVersion;
    private final SecureRandom random = new SecureRandom();
    private long balance;
    private int offlineSeq;
    private int onlineSeq;
    private LoadSession pending;

    public HostCardModel(KeySet keys, String asn, long balance, int offlineSeq, int onlineSeq) {
        this.asn = asn;
        this.dlk = CRYPTO.cardKey(keys.key("MLK"), asn);
        this.dtk = CRYPTO.cardKey(keys.key("MTK"), asn);
        this.keyVersion = keys.keyVersion() & 0xFF;
        this.balance = balance;
        this.offlineSeq = offlineSeq;
        this.onlineSeq = onlineSeq;
    }

    public String asn() {
        return asn;
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
        byte[] tac = CRYPTO.purchaseTac(
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
                        0,
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
        byte[] seslk = CRYPTO.loadSessionKey(dlk, rnd, seq);
        byte[] mac1 = CRYPTO.loadMac1(
                seslk, Amounts.toBytes(balance, 4), Amounts.toBytes(amount, 4), Bcd.encode(terminalId, 6));
        pending = new LoadSession(amount, terminalId, seslk);
        return new LoadInitAnswer(balance, onlineSeq, keyVersion, 0, Hex.of(rnd), Hex.of(mac1)).bytes();
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
        byte[] expected = CRYPTO.loadMac2(s.seslk, amount, terminal, date, time);
        if (!MessageDigest.isEqual(expected, mac2)) {
            throw new IllegalStateException("MAC2 invalid (9302)");
        }
        balance += s.amount;
        byte[] seq = Amounts.toBytes(onlineSeq, 2);
        onlineSeq++;
        pending = null;
        return CRYPTO.loadTac(dtk, Amounts.toBytes(balance, 4), seq, amount, terminal, date, time);
    }

    private record LoadSession(long amount, String terminalId, byte[] seslk) {}

    @Override
    public String toString() {
        return "HostCardModel[" + asn + "]";
    }
}
