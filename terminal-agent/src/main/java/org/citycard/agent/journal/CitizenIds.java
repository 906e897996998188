package org.citycard.agent.journal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.citycard.dictionary.validate.CitizenId;

/**
 * Keeps full citizen ID numbers out of what the agent writes down or shows: log lines, exception texts that reach a
 * log or a page event. Any 18-character ID number (17 digits and a digit or X, not part of a longer number such as
 * a 20-digit card number) in a text is masked as the dictionary masks it ({@link CitizenId#mask}). Here, beside
 * {@link Journal#mask}, because every package of the agent may use it.
 */
public final class CitizenIds {
    private static final Pattern ID = Pattern.compile("(?<![0-9A-Za-z])\\d{17}[0-9Xx](?![0-9A-Za-z])");

    private CitizenIds() {}

    /** The text with every ID number in it masked; null stays null. */
    public static String mask(String text) {
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

    /**
     * A stand-in for {@code e} to log: the same stack and causes, every message masked (the class name of each is
     * kept in the message).
     */
    public static Throwable masked(Throwable e) {
        if (e == null) {
            return null;
        }
        Throwable copy = new RuntimeException(mask(e.toString()), masked(e.getCause()));
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }
}
