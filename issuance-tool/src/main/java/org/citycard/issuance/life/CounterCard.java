package org.citycard.issuance.life;

import java.time.LocalDate;
import java.util.Arrays;
import org.citycard.cardlink.ApduTransport;
import org.citycard.cardlink.perso.CardCommands;
import org.citycard.cardlink.perso.CardLink;
import org.citycard.cardlink.perso.ConcessionReview;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.codec.Bcd;
import org.citycard.dictionary.codec.CardConcession;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.dictionary.validate.Rules;
import org.citycard.dictionary.validate.ValidationException;

/**
 * What the counter does with a card the citizen hands over: read which card it is (its ASN in the purse's FCI),
 * set a new PIN with RELOAD PIN (MAC with the card's DRPK), and block a cancelled card for good with CARD BLOCK (MAC
 * with its DAMK), and the yearly review of a concession card: its review date rewritten by secure messaging (DAMK).
 * The card keys are derived from the issuer's master keys for the one command and wiped.
 */
public final class CounterCard {
    private final Dictionary dict;
    private final CardCommands commands;
    private final CardCrypto crypto = CardCrypto.tdes();
    private static final java.time.format.DateTimeFormatter BCD_DATE =
            java.time.format.DateTimeFormatter.BASIC_ISO_DATE;
    private static final org.citycard.dictionary.card.CardFile SFI15 =
            Dictionary.standard().application("purse").file("sfi15").orElseThrow();

    public CounterCard(Dictionary dict) {
        this.dict = dict;
        this.commands = new CardCommands(dict);
    }

    /** The ASN of the card, from the purse's answer to SELECT (SFI 15 inside the FCI). */
    public String asn(ApduTransport card) {
        CardLink link = new CardLink(card);
        CardLink.Response r =
                link.exchange(commands.select(dict.application("purse").aidBytes()));
        if (!r.ok() && r.sw() != 0x6283) {
            throw new org.citycard.cardlink.perso.CardCommandException("SELECT purse", "select", r.sw());
        }
        byte[] fci = r.data();
        int size = dict.application("purse").file("sfi15").orElseThrow().size();
        int asnOffset = dict.application("purse")
                .file("sfi15")
                .orElseThrow()
                .field("asn")
                .orElseThrow()
                .offset();
        if (fci.length < size) {
            throw new IllegalStateException("the purse's FCI is too short to hold SFI 15 (" + fci.length + " bytes)");
        }
        byte[] sfi15 = Arrays.copyOfRange(fci, fci.length - size, fci.length);
        return Bcd.decode("asn", sfi15, asnOffset, 10);
    }

    /**
     * The purse's offline counter as its transaction log (SFI 18, read free) shows it: one past the highest counter
     * of a purchase among the logged records, 0 when none is logged. Selects the purse.
     */
    public int offlineCounter(ApduTransport card) {
        asn(card);
        var log = dict.application("purse").file("sfi18").orElseThrow();
        int records = dict.parameter("log_record_count").asInt();
        int next = 0;
        for (int n = 1; n <= records; n++) {
            java.util.Optional<byte[]> rec = org.citycard.cardlink.command.ReadRecord.find(card, log.sfi(), n);
            if (rec.isEmpty() || Arrays.equals(rec.get(), new byte[rec.get().length])) {
                break;
            }
            org.citycard.dictionary.record.CardLogRecord r =
                    org.citycard.dictionary.record.CardLogRecord.decode(rec.get());
            boolean purchase = org.citycard.dictionary.wire.TransactionType.of(r.transactionType())
                    .map(org.citycard.dictionary.wire.TransactionType::isPurchase)
                    .orElse(false);
            if (purchase) {
                next = Math.max(next, r.logSeq() + 1);
            }
        }
        return next;
    }

    /** The card type and review date the card carries (SFI 15 card_concession, in the FCI). */
    public CardConcession concession(ApduTransport card) {
        return new ConcessionReview(dict).read(card).concession();
    }

    /**
     * The yearly review (年审): rewrites the card's review date (SFI 15 card_concession, its card type kept unless
     * {@code cardType} is given) by UPDATE BINARY with secure messaging (DAMK of the card's {@code algorithm}), then
     * reads it back from the FCI.
     *
     * @param algorithm the algorithm of the card's keys (its production batch's)
     * @param reviewDate the new review date, at most the card's expiry date (a date already past ends the concession)
     * @return what the card carries now
     */
    public CardConcession review(
            ApduTransport card,
            KeySet keys,
            org.citycard.dictionary.crypto.Algorithm algorithm,
            String asn,
            String cardType,
            LocalDate reviewDate) {
        // the DAMK of the card's own key version (a card re-keyed to 02 answers with 02's)
        return new ConcessionReview(dict)
                .write(card, cardKeys(card, keys).keys(), algorithm, asn, cardType, reviewDate);
    }

    /** Checks that the card in the reader is the card of this ASN. */
    public void requireCard(ApduTransport card, String asn) {
        String onCard = asn(card);
        if (!onCard.equals(asn)) {
            throw new IllegalStateException("the card in the reader is ASN " + onCard + ", not the card " + asn
                    + " of this record: give the citizen's own card");
        }
    }

    /**
     * The card's key version and algorithm, as its purse's INITIALIZE FOR LOAD of 1 fen answers them (no money
     * moves; issue 22): a card re-keyed to version 02 is served with the master keys of 02. A purse that refuses it
     * (at its maximum balance) is taken to be of the key set's own version, in 3DES.
     */
    private record CardKeys(KeySet keys, CardCrypto crypto) {}

    private CardKeys cardKeys(ApduTransport card, KeySet keys) {
        try {
            org.citycard.dictionary.record.LoadInitAnswer init =
                    new org.citycard.cardlink.perso.CardRekeyer(dict, "990000000001").currentKeys(card);
            KeySet at = keys.versions().contains(init.keyVersion()) ? keys.atVersion(init.keyVersion()) : keys;
            return new CardKeys(
                    at, CardCrypto.of(org.citycard.dictionary.crypto.Algorithm.fromId((byte) init.algorithmId())));
        } catch (RuntimeException e) {
            return new CardKeys(keys, crypto);
        } finally {
            new CardLink(card)
                    .exchange(commands.select(dict.application("purse").aidBytes()));
        }
    }

    /** RELOAD PIN: the new PIN and its MAC with DRPK over the new PIN, ICV = a fresh challenge ‖ 00000000. */
    public void reloadPin(ApduTransport card, KeySet keys, String asn, char[] newPin) {
        String pin = new String(newPin);
        try {
            Rules.check("pin", "pinDigits", pin, 0);
        } catch (ValidationException e) {
            throw new IllegalArgumentException("the new PIN is refused: " + e.rule() + " (the PIN is not shown)");
        }
        int bytes = (pin.length() + 1) / 2;
        if (bytes < dict.parameter("pin_min_bytes").asInt()
                || bytes > dict.parameter("pin_max_bytes").asInt()) {
            throw new IllegalArgumentException(
                    "the new PIN must have " + dict.parameter("pin_min_bytes").asInt() * 2 + " to "
                            + dict.parameter("pin_max_bytes").asInt() * 2 + " digits (the PIN is not shown)");
        }
        requireCard(card, asn);
        CardKeys at = cardKeys(card, keys);
        CardCrypto crypto = at.crypto();
        CardLink link = new CardLink(card);
        byte[] challenge = link.send("GET CHALLENGE", commands.getChallenge(4));
        byte[] pinBcd = CardCrypto.pinBcd(pin);
        byte[] drpk = crypto.cardKey(at.keys().key("MRPK", crypto.algorithm()), asn);
        try {
            byte[] mac = crypto.secureMessagingMac(drpk, challenge, pinBcd);
            link.send("RELOAD PIN", commands.reloadPin(pinBcd, mac));
        } finally {
            Arrays.fill(drpk, (byte) 0);
            Arrays.fill(pinBcd, (byte) 0);
        }
    }

    /** CARD BLOCK: irreversible; every later SELECT on the card answers 6A81. */
    public void blockCard(ApduTransport card, KeySet keys, String asn) {
        requireCard(card, asn);
        CardKeys at = cardKeys(card, keys);
        CardCrypto crypto = at.crypto();
        CardLink link = new CardLink(card);
        byte[] challenge = link.send("GET CHALLENGE", commands.getChallenge(4));
        byte[] damk = crypto.cardKey(at.keys().key("MAMK", crypto.algorithm()), asn);
        try {
            byte[] mac = crypto.secureMessagingMac(damk, challenge, commands.blockHeader("card_block"));
            link.send("CARD BLOCK", commands.block("card_block", mac));
        } finally {
            Arrays.fill(damk, (byte) 0);
        }
    }
}
