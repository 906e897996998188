package org.citycard.cardlink.perso;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.citycard.dictionary.Code;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.card.Application;
import org.citycard.dictionary.card.CardFile;
import org.citycard.dictionary.card.TlvRecord;
import org.citycard.dictionary.codec.CardConcession;

/**
 * The files of a citizen card (purse and SSSE) and of a PSAM as personalisation writes them, laid out from the
 * dictionary's card layout (card.yaml) and parameters. Where the card specification leaves a value open the choice
 * is made here, once: the card ID (EF05 01) is the ASN in BCD padded with zeros to 16 bytes, the initialising
 * institution (EF05 04) the first 12 hex digits of the issuer ID, the holder's ID type (SFI 16) 00 resident identity
 * card, department record n (SFI 17) starts with the category whose {@code cardRecord} is n, and SFI 15's
 * card_concession holds the card type and review date ({@link CardConcession}) the terminal reads in the FCI.
 */
public final class CardImages {
    private static final DateTimeFormatter BCD_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private final Dictionary dict;

    public CardImages(Dictionary dict) {
        this.dict = dict;
    }

    /** The purse's files: SFI 15, SFI 16 and the department records of SFI 17. */
    public List<FileImage> purse(CardProfile p) {
        Application app = dict.application("purse");
        List<FileImage> out = new ArrayList<>();
        CardFile sfi15 = file(app, "sfi15");
        Map<String, String> v = new LinkedHashMap<>();
        v.put("issuer_id", issuerId());
        v.put("application_type", dict.parameter("purse_application_type").value());
        v.put("application_version", dict.parameter("purse_application_version").value());
        v.put("asn", p.asn());
        v.put("app_start_date", date(p.issueDate()));
        v.put("app_expiry_date", date(p.expiryDate()));
        v.put(
                CardConcession.FIELD,
                new CardConcession(
                                p.cardType() == null ? CardConcession.STANDARD : p.cardType(),
                                p.effectiveReviewDate(dict))
                        .hex(p.expiryDate()));
        out.add(new FileImage("purse", sfi15.id(), sfi15.sfi(), 0, FileImage.layout(dict, sfi15, sfi15.size(), v)));

        CardFile sfi16 = file(app, "sfi16");
        v = new LinkedHashMap<>();
        v.put("holder_name", p.name());
        v.put("id_type", "00");
        v.put("holder_id_number", p.citizenId());
        out.add(new FileImage("purse", sfi16.id(), sfi16.sfi(), 0, FileImage.layout(dict, sfi16, sfi16.size(), v)));

        CardFile sfi17 = file(app, "sfi17");
        for (int n = 1; n <= sfi17.recordCount(); n++) {
            byte[] record = new byte[sfi17.recordLength()];
            String category = categoryOfRecord(n);
            byte[] code = FileImage.encode(dict, "department_category", "BCD", category, 1);
            int offset = sfi17.field("department_category").orElseThrow().offset();
            System.arraycopy(code, 0, record, offset, code.length);
            out.add(new FileImage("purse", sfi17.id(), sfi17.sfi(), n, record));
        }
        return out;
    }

    /** The SSSE's files: the TLV records of EF05 and EF06 and the insurance records of EF07 that are given. */
    public List<FileImage> ssse(CardProfile p) {
        Application app = dict.application("ssse");
        Map<String, String> values = new LinkedHashMap<>();
        values.put("card_id", cardId(p.asn()));
        values.put("card_type", p.cardType());
        values.put("spec_version", dict.parameter("spec_version").value());
        values.put("init_institution", initInstitution());
        values.put("issue_date", date(p.issueDate()));
        values.put("expiry_date", date(p.expiryDate()));
        values.put("card_number", p.cardNumber());
        values.put("social_security_number", p.citizenId());
        values.put("name", p.name());
        values.put("sex", p.sex());
        values.put("ethnicity", p.ethnicity());
        values.put("birthplace", p.birthplace());
        values.put("birth_date", date(p.birthDate()));
        List<FileImage> out = new ArrayList<>();
        for (String fileId : List.of("ef05", "ef06")) {
            CardFile f = file(app, fileId);
            for (TlvRecord r : f.records()) {
                String value = values.get(r.element());
                if (value == null) {
                    throw new IllegalStateException(
                            "no value for " + fileId + " record " + r.number() + " (" + r.element() + ")");
                }
                out.add(new FileImage(
                        "ssse",
                        f.id(),
                        f.sfi(),
                        r.number(),
                        FileImage.tlv(dict, r.element(), r.number(), value, r.length())));
            }
        }
        CardFile ef07 = file(app, "ef07");
        for (String entry : p.insurance()) {
            String[] part = entry.split(":");
            Map<String, String> iv = new LinkedHashMap<>();
            iv.put("insurance_type", part[0]);
            iv.put("insurance_status", part[1]);
            iv.put("insurance_start_date", part[2]);
            iv.put("insuring_region", part[3]);
            int record = Integer.parseInt(dict.codeTable("insurance-type")
                    .find(part[0])
                    .map(c -> c.attr("cardRecord"))
                    .orElseThrow(
                            () -> new IllegalArgumentException("insurance type " + part[0] + " is not in the table")));
            out.add(new FileImage(
                    "ssse", ef07.id(), ef07.sfi(), record, FileImage.layout(dict, ef07, ef07.recordLength(), iv)));
        }
        return out;
    }

    /** The PSAM's files: the terminal ID it serves and the issuer whose cards it accepts. */
    public List<FileImage> psam(String terminalId) {
        Application app = dict.application("psam");
        CardFile t = file(app, "psam16");
        CardFile i = file(app, "psam17");
        return List.of(
                new FileImage(
                        "psam",
                        t.id(),
                        t.sfi(),
                        0,
                        FileImage.layout(dict, t, t.size(), Map.of("terminal_id", terminalId))),
                new FileImage(
                        "psam",
                        i.id(),
                        i.sfi(),
                        0,
                        FileImage.layout(dict, i, i.size(), Map.of("issuer_id", issuerId()))));
    }

    public String issuerId() {
        return dict.parameter("issuer_id").value();
    }

    /** EF05 01: the ASN in BCD, padded with zeros to the element's 16 bytes (hex). */
    String cardId(String asn) {
        int length = dict.element("card_id").length();
        return asn + "0".repeat(2 * length - asn.length());
    }

    String initInstitution() {
        return issuerId().substring(0, dict.element("init_institution").length());
    }

    private String categoryOfRecord(int record) {
        return dict.codeTable("department-category").codes().stream()
                .filter(c -> Integer.toString(record).equals(c.attr("cardRecord")))
                .map(Code::code)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "the department-category table names no category for card record " + record));
    }

    private static CardFile file(Application app, String id) {
        return app.file(id)
                .orElseThrow(() -> new IllegalStateException("the dictionary has no file " + id + " in " + app.id()));
    }

    private static String date(LocalDate d) {
        return d.format(BCD_DATE);
    }
}
