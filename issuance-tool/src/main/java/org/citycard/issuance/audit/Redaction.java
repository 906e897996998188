package org.citycard.issuance.audit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.citycard.dictionary.validate.CitizenId;

/**
 * Last line of defence for everything the tool writes to its logs: a full citizen ID number is masked and any
 * run of 16 or more hex digits (the length of a DES key) is removed. Callers write masked values in the first
 * place; this catches the mistakes.
 */
public final class Redaction {
    private static final Pattern CITIZEN_ID = Pattern.compile("(?<![0-9A-Za-z])\\d{17}[0-9Xx](?![0-9A-Za-z])");
    private static final Pattern LONG_HEX = Pattern.compile("(?<![0-9A-Fa-f])[0-9A-Fa-f]{16,}(?![0-9A-Fa-f])");
    private static final Pattern ASN = Pattern.compile("(?<![0-9])\\d{20}(?![0-9])");

    private Redaction() {}

    /** The text with ID numbers masked and key-like hex removed; ASNs (20 digits) are card numbers and kept. */
    public static String clean(String text) {
        if (text == null) {
            return "";
        }
        Matcher m = CITIZEN_ID.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(CitizenId.mask(m.group())));
        }
        m.appendTail(sb);
        Matcher h = LONG_HEX.matcher(sb.toString());
        StringBuilder out = new StringBuilder();
        while (h.find()) {
            String hit = h.group();
            h.appendReplacement(out, ASN.matcher(hit).matches() ? hit : "[redacted]");
        }
        h.appendTail(out);
        return out.toString();
    }
}
