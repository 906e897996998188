package org.citycard.dictionary.card;

import java.util.HexFormat;
import java.util.List;

/**
 * An APDU command of the card contract. Header bytes are hex strings; p1, p2, lc or le are null when they vary.
 */
public record CardCommand(
        String id,
        String zh,
        String en,
        List<String> applications,
        String cla,
        String ins,
        String p1,
        String p2,
        String lc,
        String le,
        String access,
        String note,
        List<DataItem> data,
        List<DataItem> response,
        List<String> statusWords) {

    public CardCommand {
        applications = applications == null ? List.of() : List.copyOf(applications);
        data = data == null ? List.of() : List.copyOf(data);
        response = response == null ? List.of() : List.copyOf(response);
        statusWords = statusWords == null ? List.of() : List.copyOf(statusWords);
    }

    public byte claByte() {
        return hexByte(cla);
    }

    public byte insByte() {
        return hexByte(ins);
    }

    public byte p1Byte() {
        return hexByte(p1);
    }

    public byte p2Byte() {
        return hexByte(p2);
    }

    /** The header as the reference shows it, "80 50 01 02 0B", with .. for varying bytes. */
    public String headerText() {
        return String.join(" ", cla, ins, or(p1), or(p2), or(lc)) + (le != null ? " … Le " + le : "");
    }

    private static String or(String s) {
        return s == null ? ".." : s;
    }

    private static byte hexByte(String s) {
        if (s == null) {
            throw new IllegalStateException("this header byte varies; it has no fixed value");
        }
        return HexFormat.of().parseHex(s)[0];
    }
}
