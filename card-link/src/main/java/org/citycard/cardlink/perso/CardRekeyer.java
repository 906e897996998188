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
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.dictionary.record.LoadInitAnswer;

/**
 * Re-keys an issued citizen card at a counter (issue 22): every card key of the SSSE and the purse is replaced by the
 * one of another key version with PUT KEY under secure messaging ({@code 84 D4}, apdu.yaml {@code put_key_sm}), each
 * new key encrypted under and MACed with the card's current DAMK. DAMK is put after the keys it protects, and in the
 * purse DLK last of all: the key version the purse's INITIALIZE FOR LOAD answers (DLK's) is the target only once
 * every key of the card is. An interrupted re-key is simply done again: a command refused with 9302 (its DAMK already
 * the new one) is sent once more under the new DAMK. Afterwards the new keys are proven by use (DLK by MAC1, DIAK by
 * INTERNAL AUTHENTICATE). Keys never appear in a message.
 */
public final class CardRekeyer {
    /** The SSSE's keys in the order they are put: DAMK after the others. */
    public static final List<String> SSSE_ORDER = List.of("DEAK", "DIAK", "DAMK");
    /** The purse's keys in the order they are put: DAMK after the others, DLK (whose version INITIALIZE shows) last. */
    public static final List<String> PURSE_ORDER = List.of("DPK", "DTK", "DPUK", "DRPK", "DAMK", "DLK");

    private static final int SW_MAC_INVALID = 0x9302;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Dictionary dict;
    private final CardCommands commands;
    private final String terminalId;

    /** @param terminalId the counter's terminal ID, used in the DLK check (INITIALIZE FOR LOAD of 1 fen, no money) */
    public CardRekeyer(Dictionary dict, String terminalId) {
        this.dict = dict;
        this.commands = new CardCommands(dict);
        this.terminalId = terminalId;
    }

    /** What a re-key did: the card's key version before and after, and the keys put. */
    public record Outcome(String asn, Algorithm algorithm, int fromVersion, int toVersion, int keysPut) {}

    /** The key version and algorithm the purse's INITIALIZE FOR LOAD of 1 fen answers (no money moves). */
    public LoadInitAnswer currentKeys(ApduTransport card) {
        CardLink link = new CardLink(card);
        link.send("purse: SELECT", commands.select(dict.application("purse").aidBytes()));
        return initializeForLoad(link);
    }

    /**
     * Re-keys the card of {@code asn} to {@code targetVersion}, with the master keys of {@code keys} (which must hold
     * the card's current version and the target one).
     *
     * @throws IllegalArgumentException when the key set lacks either version (named, never a value)
     * @throws CardCommandException when the card refuses a step
     * @throws PersoVerificationException when a new key does not prove
     */
    public Outcome rekey(ApduTransport card, String asn, KeySet keys, int targetVersion) {
        LoadInitAnswer before = currentKeys(card);
        int from = before.keyVersion();
        Algorithm algorithm = Algorithm.fromId((byte) before.algorithmId());
        if (!keys.versions().contains(from) || !keys.versions().contains(targetVersion)) {
            throw new IllegalArgumentException(String.format(
                    "re-key of card %s from key version %02X to %02X: key set %s holds versions %s only",
                    asn, from, targetVersion, keys.name(), KeySet.versionsText(keys)));
        }
        KeySet current = keys.atVersion(from);
        KeySet target = keys.atVersion(targetVersion);
        CardCrypto crypto = CardCrypto.of(algorithm);
        CardLink link = new CardLink(card);
        int put = 0;
        if (from != targetVersion) {
            put += applet(link, "ssse", SSSE_ORDER, asn, current, target, crypto, algorithm);
            put += applet(link, "purse", PURSE_ORDER, asn, current, target, crypto, algorithm);
        }
        link.send("purse: SELECT", commands.select(dict.application("purse").aidBytes()));
        LoadInitAnswer after = initializeForLoad(link);
        byte[] dlk = crypto.cardKey(target.key("MLK", algorithm), asn);
        try {
            byte[] seslk = crypto.loadSessionKey(dlk, after.field("random"), after.field("online_seq"));
            byte[] mac1 = crypto.loadMac1(seslk, after.field("balance"), Amounts.toBytes("amount", 1, 4), terminal());
            if (after.keyVersion() != targetVersion || !Arrays.equals(mac1, after.field("mac1"))) {
                throw new PersoVerificationException(String.format(
                        "purse of card %s: after the re-key its load key is not the one of key version %02X (the card"
                                + " answers version %02X)",
                        asn, targetVersion, after.keyVersion()));
            }
        } finally {
            Arrays.fill(dlk, (byte) 0);
        }
        proveInternalAuthentication(link, asn, target, crypto, algorithm);
        return new Outcome(asn, algorithm, from, targetVersion, put);
    }

    private int applet(
            CardLink link,
            String appletId,
            List<String> order,
            String asn,
            KeySet current,
            KeySet target,
            CardCrypto crypto,
            Algorithm algorithm) {
        link.send(
                appletId + ": SELECT",
                commands.select(dict.application(appletId).aidBytes()));
        byte[] damk = crypto.cardKey(current.key("MAMK", algorithm), asn);
        byte[] newDamk = crypto.cardKey(target.key("MAMK", algorithm), asn);
        try {
            for (String keyId : order) {
                String masterId = dict.keys().key(keyId).orElseThrow().masterKey();
                byte[] key = crypto.cardKey(target.key(masterId, algorithm), asn);
                try {
                    CardLink.Response r = putKey(link, appletId, keyId, key, damk, target, crypto, algorithm);
                    if (r.sw() == SW_MAC_INVALID && !Arrays.equals(damk, newDamk)) {
                        // an earlier, interrupted re-key already put the new DAMK: carry on under it
                        System.arraycopy(newDamk, 0, damk, 0, damk.length);
                        r = putKey(link, appletId, keyId, key, damk, target, crypto, algorithm);
                    }
                    if (!r.ok()) {
                        throw new CardCommandException(
                                appletId + ": PUT KEY " + keyId + " (re-key)", "put_key_sm", r.sw());
                    }
                    if (keyId.equals("DAMK")) {
                        System.arraycopy(newDamk, 0, damk, 0, damk.length);
                    }
                } finally {
                    Arrays.fill(key, (byte) 0);
                }
            }
            return order.size();
        } finally {
            Arrays.fill(damk, (byte) 0);
            Arrays.fill(newDamk, (byte) 0);
        }
    }

    private CardLink.Response putKey(
            CardLink link,
            String appletId,
            String keyId,
            byte[] key,
            byte[] damk,
            KeySet target,
            CardCrypto crypto,
            Algorithm algorithm) {
        int ref = Integer.parseInt(dict.keys().key(keyId).orElseThrow().keyId(), 16);
        byte[] challenge = link.send(appletId + ": GET CHALLENGE", commands.getChallenge(4));
        byte[] encrypted = crypto.encryptKey(damk, key);
        byte[] mac = crypto.secureMessagingMac(
                damk, challenge, commands.putKeySecureMacInput(ref, target.keyVersion(), algorithm.id(), encrypted));
        return link.exchange(commands.putKeySecure(ref, target.keyVersion(), algorithm.id(), encrypted, mac));
    }

    private LoadInitAnswer initializeForLoad(CardLink link) {
        byte keyIndex = HexFormat.of().parseHex(dict.parameter("card_key_index").value())[0];
        byte[] r = link.send(
                "purse: INITIALIZE FOR LOAD (key check)",
                commands.initializeForLoad(keyIndex, Amounts.toBytes("amount", 1, 4), terminal()));
        return LoadInitAnswer.decode(r);
    }

    private void proveInternalAuthentication(
            CardLink link, String asn, KeySet target, CardCrypto crypto, Algorithm algorithm) {
        link.send("ssse: SELECT", commands.select(dict.application("ssse").aidBytes()));
        byte[] challenge = new byte[8];
        RANDOM.nextBytes(challenge);
        byte[] answer = link.send("ssse: INTERNAL AUTHENTICATE (key check)", commands.internalAuthenticate(challenge));
        byte[] diak = crypto.cardKey(target.key("MIAK", algorithm), asn);
        try {
            if (!crypto.internalAuthenticateMatches(diak, challenge, answer)) {
                throw new PersoVerificationException(String.format(
                        "ssse of card %s: after the re-key INTERNAL AUTHENTICATE does not answer with the DIAK of key"
                                + " version %02X",
                        asn, target.keyVersion()));
            }
        } finally {
            Arrays.fill(diak, (byte) 0);
        }
    }

    private byte[] terminal() {
        return Bcd.encode("terminal_id", terminalId, 6);
    }
}
