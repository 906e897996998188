package org.citycard.cardlink.perso;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import org.citycard.cardlink.ApduTransport;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.card.CardFile;
import org.citycard.dictionary.codec.Bcd;
import org.citycard.dictionary.codec.CardConcession;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.dictionary.validate.Rules;

/**
 * The counter's yearly review (年审) of a concession card on the card itself: the purse's card_concession (SFI 15
 * offset 28, in the FCI; {@link CardConcession}) rewritten by UPDATE BINARY with secure messaging — {@code 04 D6 95 1C
 * 06 data(2) MAC(4)}, the MAC with the card's DAMK (derived from MAMK for this one command and wiped) over a fresh
 * GET CHALLENGE (CARD-SPEC §4.4) — and read back from the FCI. Only these two bytes are written after issuance.
 */
public final class ConcessionReview {
    private static final DateTimeFormatter BCD_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private final Dictionary dict;
    private final CardCommands commands;
    private final CardFile sfi15;

    public ConcessionReview(Dictionary dict) {
        this.dict = dict;
        this.commands = new CardCommands(dict);
        this.sfi15 = dict.application("purse").file("sfi15").orElseThrow();
    }

    /** What the purse's SFI 15 says, from its answer to SELECT. */
    public record PublicData(String asn, LocalDate startDate, LocalDate expiryDate, CardConcession concession) {}

    /** SELECT purse and read SFI 15 from the FCI. */
    public PublicData read(ApduTransport card) {
        CardLink.Response r = new CardLink(card)
                .exchange(commands.select(dict.application("purse").aidBytes()));
        if (!r.ok() && r.sw() != 0x6283) {
            throw new CardCommandException("SELECT purse", "select", r.sw());
        }
        int size = sfi15.size();
        if (r.data().length < size) {
            throw new IllegalStateException(
                    "the purse's FCI is too short to hold SFI 15 (" + r.data().length + " bytes)");
        }
        byte[] pad = Arrays.copyOfRange(r.data(), r.data().length - size, r.data().length);
        LocalDate expiry = LocalDate.parse(Bcd.decode("app_expiry_date", pad, offset("app_expiry_date"), 4), BCD_DATE);
        return new PublicData(
                Bcd.decode("asn", pad, offset("asn"), 10),
                LocalDate.parse(Bcd.decode("app_start_date", pad, offset("app_start_date"), 4), BCD_DATE),
                expiry,
                CardConcession.decode(pad, offset(CardConcession.FIELD), expiry));
    }

    private int offset(String field) {
        return sfi15.field(field).orElseThrow().offset();
    }

    /**
     * Writes the review date (and the card type, when given) to the card of this ASN whose keys are of
     * {@code algorithm}.
     *
     * @param cardType the card-type code to write; null keeps the card's
     * @param reviewDate at most the card's expiry date (a date already past ends the concession)
     * @return what the card carries now, read back
     * @throws IllegalArgumentException another card in the reader, or a date out of range (nothing written)
     */
    public CardConcession write(
            ApduTransport card, KeySet keys, Algorithm algorithm, String asn, String cardType, LocalDate reviewDate) {
        PublicData now = read(card);
        if (!now.asn().equals(asn)) {
            throw new IllegalArgumentException("the card in the reader is ASN " + now.asn() + ", not the card " + asn
                    + " of this record: give the citizen's own card");
        }
        if (reviewDate.isAfter(now.expiryDate())) {
            throw new IllegalArgumentException("review date " + reviewDate.format(BCD_DATE) + ": card " + asn
                    + " expires on " + now.expiryDate().format(BCD_DATE)
                    + "; give a date up to its expiry, or renew the card");
        }
        CardConcession next =
                new CardConcession(cardType == null ? now.concession().cardType() : cardType, reviewDate);
        Rules.checkElement(dict, "card_type", next.cardType());
        byte[] data = next.encode(now.expiryDate());
        int off = offset(CardConcession.FIELD);
        CardCrypto crypto = CardCrypto.of(algorithm);
        CardLink link = new CardLink(card);
        byte[] challenge = link.send("GET CHALLENGE", commands.getChallenge(4));
        byte[] damk = crypto.cardKey(keys.key("MAMK", algorithm), asn);
        try {
            byte[] mac = crypto.secureMessagingMac(
                    damk, Arrays.copyOf(challenge, 4), commands.updateBinarySmHeader(sfi15.sfi(), off, data));
            link.send("UPDATE BINARY (card_concession)", commands.updateBinarySm(sfi15.sfi(), off, data, mac));
        } finally {
            Arrays.fill(damk, (byte) 0);
        }
        CardConcession written = read(card).concession();
        if (!written.equals(next)) {
            throw new IllegalStateException(
                    "card " + asn + " reads back " + written + " after the review, not " + next);
        }
        return written;
    }
}
