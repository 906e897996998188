package org.citycard.agent.purse;

import java.util.Arrays;
import org.citycard.cardlink.ApduTransport;
import org.citycard.cardlink.command.CardRefusedException;
import org.citycard.cardlink.command.Reason;
import org.citycard.cardlink.command.SelectApplication;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.card.CardFile;
import org.citycard.dictionary.codec.Bcd;
import org.citycard.dictionary.codec.Tlv;

/**
 * The purse as selected: the public application data (SFI 15) its FCI carries, and whether it is blocked.
 *
 * @param issuerId 8 bytes
 * @param asn 20 digits
 */
public record PurseCard(byte[] issuerId, String asn, String startDate, String expiryDate, boolean blocked) {
    private static final CardFile SFI15 =
            Dictionary.standard().application("purse").file("sfi15").orElseThrow();

    /** SELECT purse and parse its FCI (tag 9F0C holds SFI 15). */
    public static PurseCard select(ApduTransport card) {
        SelectApplication.Selected s = SelectApplication.send(
                card, Dictionary.standard().application("purse").aidBytes());
        byte[] pad = Tlv.find(s.fci(), 0x9F0C)
                .map(Tlv::value)
                .orElseThrow(() -> new CardRefusedException(
                        "select",
                        0x9000,
                        Reason.WRONG_DATA,
                        "the purse's FCI has no public application data (tag 9F0C)",
                        "钱包 FCI 缺少公共应用数据"));
        return new PurseCard(
                field(pad, "issuer_id"),
                Bcd.decode("asn", pad, off("asn"), 10),
                Bcd.decode("app_start_date", pad, off("app_start_date"), 4),
                Bcd.decode("app_expiry_date", pad, off("app_expiry_date"), 4),
                s.blocked());
    }

    private static int off(String f) {
        return SFI15.field(f).orElseThrow().offset();
    }

    private static byte[] field(byte[] pad, String f) {
        var lf = SFI15.field(f).orElseThrow();
        return Arrays.copyOfRange(pad, lf.offset(), lf.offset() + lf.length());
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
