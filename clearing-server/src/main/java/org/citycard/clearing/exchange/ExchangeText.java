package org.citycard.clearing.exchange;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.citycard.dictionary.validate.CitizenId;

/**
 * What the exchange stores or logs about a file or a document (refusal reasons, rejected rows' summaries, log
 * lines) carries no full citizen ID number: every 18-character ID number in the text (17 digits and a digit or X,
 * not part of a longer number such as a 20-digit card number) is masked as the dictionary masks it
 * ({@link CitizenId#mask}, the kiosk's and the issuance tool's mask).
 */
public final class ExchangeText {
    private static final Pattern ID = Pattern.compile("(?<![0-9A-Za-z])\\d{17}[0-9Xx](?![0-9A-Za-z])");

    private ExchangeText() {}

    /** The text with every citizen ID number in it masked; null stays null. */
    public static String masked(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = ID.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        do {
            m.appendReplacement(out, Matcher.quoteReplacement(CitizenId.mask(m.group())));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }
}
