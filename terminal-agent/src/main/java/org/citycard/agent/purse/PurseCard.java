package org.citycard.agent.purse;

import java.util.Arrays;
import org.citycard.cardlink.ApduTransport;
import org.citycard.cardlink.command.CardRefusedException;
import org.citycard.cardlink.command.Reason;
import org.citycard.cardlink.command.SelectApplication;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.card.CardFile;
import org.citycard.dictionary.codec.Bcd;
import org.citycard.dictionary.codec.CardConcession;
import org.citycard.dictionary.codec.Tlv;

/**
 * The purse as selected: the public application data (SFI 15) its FCI carries, and whether it is blocked.
 *
 * @param issuerId 8 bytes
 * @param asn 20 digits
 * @param cardType the card-type code of SFI 15 card_concession ("1" standard when the card carries none)
 * @param reviewDate the review date (年审日期, YYYYMMDD) of card_concession; null when the card carries none
 */
public record PurseCard(
        byte[] issuerId,
        String asn,
        String startDate,
        String expiryDate,
        boolean blocked,
        String cardType,
        String reviewDate) {
    private static final System.Logger LOG = System.getLogger(PurseCard.class.getName());

    private static final CardFile SFI15 =
            Dictionary.standard().application("purse").file("sfi15").orElseThrow();
    private static final byte[] PURSE_AID =
            Dictionary.standard().application("purse").aidBytes();
    private static final int OFF_ASN = off("asn");
    private static final int OFF_EXPIRY = off("app_expiry_date");
    private static final int OFF_START = off("app_start_date");
    private static final int OFF_CONCESSION = off(CardConcession.FIELD);
    private static final int OFF_ISSUER = off("issuer_id");
    private static final int LEN_ISSUER = SFI15.field("issuer_id").orElseThrow().length();

    /** SELECT purse and parse its FCI (tag 9F0C holds SFI 15). */
    public static PurseCard select(ApduTransport card) {
        SelectApplication.Selected s = SelectApplication.send(card, PURSE_AID.clone());
        byte[] pad = Tlv.find(s.fci(), 0x9F0C)
                .map(Tlv::value)
                .orElseThrow(() -> new CardRefusedException(
                        "select",
                        0x9000,
                        Reason.WRONG_DATA,
                        "the purse's FCI has no public application data (tag 9F0C)",
                        "钱包 FCI 缺少公共应用数据"));
        String asn = Bcd.decode("asn", pad, OFF_ASN, 10);
        String expiry = Bcd.decode("app_expiry_date", pad, OFF_EXPIRY, 4);
        CardConcession concession = concession(pad, asn, expiry);
        return new PurseCard(
                Arrays.copyOfRange(pad, OFF_ISSUER, OFF_ISSUER + LEN_ISSUER),
                asn,
                Bcd.decode("app_start_date", pad, OFF_START, 4),
                expiry,
                s.blocked(),
                concession.cardType(),
                concession.reviewDate() == null
                        ? null
                        : concession.reviewDate().format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
    }

    /**
     * The card type and review date of SFI 15; a field this terminal cannot read is taken as a standard card (the
     * full fare), never as a reason to refuse the tap.
     */
    private static CardConcession concession(byte[] pad, String asn, String expiry) {
        try {
            return CardConcession.decode(pad, OFF_CONCESSION, date(expiry));
        } catch (RuntimeException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "card " + org.citycard.agent.journal.Journal.mask(asn) + ": card_concession unreadable ("
                            + e.getMessage() + "), charged as a standard card");
            return new CardConcession(CardConcession.STANDARD, null);
        }
    }

    /** YYYYMMDD (BCD digits, checked when decoded) as a date; a date that does not exist is refused. */
    private static java.time.LocalDate date(String yyyymmdd) {
        if (yyyymmdd.length() != 8) {
            throw new java.time.DateTimeException("date '" + yyyymmdd + "': YYYYMMDD expected");
        }
        return java.time.LocalDate.of(
                Integer.parseInt(yyyymmdd, 0, 4, 10),
                Integer.parseInt(yyyymmdd, 4, 6, 10),
                Integer.parseInt(yyyymmdd, 6, 8, 10));
    }

    private static int off(String f) {
        return SFI15.field(f).orElseThrow().offset();
    }

    /** The diversifier the PSAM needs: the rightmost 8 bytes of the ASN. */
    public byte[] asnRight8() {
        return Arrays.copyOfRange(Bcd.encode("asn", asn, 10), 2, 10);
    }

    /** The ASN as shown on screens and in logs. */
    public String maskedAsn() {
        return org.citycard.agent.journal.Journal.mask(asn);
    }
}
